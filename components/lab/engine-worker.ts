/**
 * The lab engine's Worker (docs/decisions/0009-engine-worker.md): a lab page's Run and
 * checks run here, with the sandbox host, so the page's thread only renders.
 */
// First: MSW needs a localStorage when it loads (engine-worker-globals.ts).
import './engine-worker-globals';
import { loadKind } from '@/lib/kinds/registry';
import { loadLabChecks } from '@/lib/labs/load-checks';
import { SandboxHost } from '@/lib/runtime/sandbox/host';
import { messagePort, type EngineReply, type EngineRequest, type MessageTarget } from '@/lib/session/engine-protocol';
import { pageSandboxes, serveLabEngine } from '@/lib/session/engine-server';
import { MAX_CHECK_LANES } from '@/lib/session/run-sandbox';

const port = messagePort<EngineReply, EngineRequest>(self as unknown as MessageTarget);

// Every Run in a session of its own (fresh realms); the pool keeps one sandbox per check lane started.
const host = new SandboxHost(pageSandboxes(port), { isolation: 'run', poolSize: MAX_CHECK_LANES });
serveLabEngine(port, { host, loadKind, loadChecks: loadLabChecks });
port.post({ type: 'ready' });
