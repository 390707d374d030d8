// Promises over the worker: one call at a time, in order; `cancel()` terminates the worker
// (running wasm cannot be interrupted) and the next call starts a fresh one.
import { embedded } from './embedded.js';

/** Raised for every call pending or queued when `cancel()` ran. */
export class Cancelled extends Error {
  constructor() {
    super('Opération interrompue.');
    this.name = 'Cancelled';
  }
}

/** A failure inside the wasm module (a bug): the worker was replaced and the file is closed. */
export class Crashed extends Error {
  constructor(detail) {
    super("Une erreur interne est survenue. Déposez le fichier à nouveau ; si cela se reproduit, signalez-le à l'ARS.");
    this.name = 'Crashed';
    // The technical detail is for the IT staff, in the console only.
    console.error('annuaire-cpts :', detail);
  }
}

export class Bridge {
  #worker = null;
  #queue = Promise.resolve();
  #pending = null;
  #nextId = 0;
  #generation = 0;

  /** @param {(stage: string) => void} onProgress called with 'read', 'check'… */
  constructor(onProgress = () => {}) {
    this.onProgress = onProgress;
  }

  /** Runs `type` in the worker once every earlier call has settled. */
  call(type, args = {}, transferList = []) {
    const generation = this.#generation;
    const run = () => {
      if (generation !== this.#generation) return Promise.reject(new Cancelled());
      return this.#send(type, args, transferList);
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Stops the running call and every queued one; the opened file is lost. */
  cancel() {
    this.#generation += 1;
    this.#reset(new Cancelled());
  }

  #send(type, args, transferList) {
    return new Promise((resolve, reject) => {
      const worker = this.#start();
      const id = ++this.#nextId;
      this.#pending = { id, resolve, reject };
      worker.postMessage({ id, type, args }, transferList);
    });
  }

  #start() {
    if (this.#worker) return this.#worker;
    // The one-file page starts its worker from a blob: URL (embedded.js).
    const worker = embedded?.startWorker?.() ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      const pending = this.#pending;
      if (!pending || data.id !== pending.id) return;
      if ('progress' in data) {
        this.onProgress(data.progress);
        return;
      }
      this.#pending = null;
      if (data.ok) pending.resolve(data.result);
      else if (data.fatal) this.#reset(new Crashed(data.error), pending);
      else pending.reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#reset(new Crashed(event.message || 'chargement du module'));
    };
    this.#worker = worker;
    return worker;
  }

  #reset(error, pending = this.#pending) {
    this.#worker?.terminate();
    this.#worker = null;
    this.#pending = null;
    pending?.reject(error);
  }
}
