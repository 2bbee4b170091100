// Browser e2e, step 2 of 2: stop the API and the H5 server, drop the throwaway database.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const api = join(__dirname, '..', '..', '..', 'api');

module.exports = async () => {
  const file = process.env.RB_E2E_STATE;
  if (!file || !existsSync(file)) return;
  const state = JSON.parse(readFileSync(file, 'utf8'));
  for (const pid of state.pids) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const pid of state.pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // stopped cleanly
    }
  }
  spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-e', `require('./src/database/database-admin.util').dropDatabase(${JSON.stringify(state.databaseUrl)}).then(() => process.exit(0), (e) => (console.error(e), process.exit(1)))`],
    { cwd: api, stdio: 'inherit' },
  );
  rmSync(state.uploads, { recursive: true, force: true });
  rmSync(file, { force: true });
};
