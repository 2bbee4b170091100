export * from './enums';
export * from './ticket-transitions';
export * from './transition';
export * from './error-codes';
export * from './phone-mask.util';
