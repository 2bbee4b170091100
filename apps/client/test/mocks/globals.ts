// Build-time constants that Taro's defineConstants provides in real builds.
Object.assign(globalThis, { API_ORIGIN: '', DEMO_MODE: true });
