/**
 * Preloaded into the API child by `pnpm bench intake --cpu-prof` (never by the app itself): lets
 * the benchmark sample the API's CPU during the load phases only, not during ts-node's start-up.
 * Driven over the child's IPC channel: {type: 'prof-start'} and {type: 'prof-stop', path}.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

type Message = { type: 'prof-start' } | { type: 'prof-stop'; path: string };

const session = new Session();
session.connect();

const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
  );

const reply = (type: string, error?: unknown) =>
  process.send?.({ type, error: error === undefined ? undefined : String(error) });

process.on('message', (message: Message) => {
  if (message.type === 'prof-start') {
    post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => post('Profiler.start'))
      .then(() => reply('prof-started'), (error: unknown) => reply('prof-started', error));
  } else if (message.type === 'prof-stop') {
    post('Profiler.stop')
      .then((result) => writeFileSync(message.path, JSON.stringify((result as { profile: unknown }).profile)))
      .then(() => reply('prof-stopped'), (error: unknown) => reply('prof-stopped', error));
  }
});
