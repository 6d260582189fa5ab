// Runs the sandbox worker bundle in a Node worker thread for tests, giving it the
// same `self.addEventListener('message')` / `self.postMessage` surface as a browser
// worker. Killing the thread (`worker.terminate()`) stops even `while (true) {}`.
const { parentPort, workerData } = require('node:worker_threads');

const listeners = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, listener) => {
  if (type === 'message') listeners.push(listener);
};
// Bound now: learner code that replaces MessagePort.prototype.postMessage must not cut the line.
const send = parentPort.postMessage.bind(parentPort);
globalThis.postMessage = (message, transfer) => send(message, transfer);
parentPort.on('message', (data) => {
  for (const listener of [...listeners]) listener({ data, ports: [] });
});
require(workerData.bundlePath);
