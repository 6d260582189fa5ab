// Runs the sandbox worker bundle in a Node worker thread for tests, giving it the
// surface of a browser worker: one `message` event on `self` that hands over a port,
// and the port to talk to the host over. Killing the thread (`worker.terminate()`)
// stops even `while (true) {}`.
//
// The thread's own channel (parentPort) plays the port. It is captured here and never
// put on the global scope, so learner code in the thread cannot post to the host or
// read what the host sends: `self.postMessage` goes nowhere, as it does in the browser.
const { parentPort, workerData } = require('node:worker_threads');

const send = parentPort.postMessage.bind(parentPort);
const portListeners = [];
const port = Object.freeze({
  postMessage: (message, transfer) => send(message, transfer),
  addEventListener: (type, listener) => {
    if (type === 'message') portListeners.push(listener);
  },
  start: () => {},
});

let connectListener = null;
globalThis.self = globalThis;
globalThis.addEventListener = (type, listener) => {
  if (type === 'message' && !connectListener) connectListener = listener;
};
globalThis.postMessage = () => {};

let connected = false;
parentPort.on('message', (data) => {
  if (!connected) {
    if (!data || data.type !== 'connect' || !connectListener) return;
    connected = true;
    connectListener({ data, ports: [port] });
    return;
  }
  for (let i = 0; i < portListeners.length; i++) portListeners[i]({ data });
});
require(workerData.bundlePath);
