/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Build-time constants (config/index.ts `defineConstants`). */
declare const API_ORIGIN: string;
declare const DEMO_MODE: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
