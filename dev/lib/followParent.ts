import { watchParent } from './parent';

/**
 * Preloaded into the n8n that `npm run dev` starts (`node --require …/followParent.js n8n start`): when
 * the dev command is gone without stopping n8n (killed with SIGKILL, say), n8n shuts down as on SIGTERM —
 * closing its database and stopping its task runner — instead of holding its ports as an orphan.
 */

// The dev command read n8n's output through pipes; once it is gone a write would fail with EPIPE and
// crash n8n before its shutdown is through.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

watchParent(() => process.kill(process.pid, 'SIGTERM'));
