/*
 * The outbox, one copy for the student pages' script (quiz.client.js) and the service worker
 * (sw.client.js): worker/views/assets.ts puts this before each of them. IndexedDB "quizline", store
 * "outbox", one record per attempt id holding the body frozen when Submit was pressed.
 */
/** Runs `op` on the outbox's store in a `mode` transaction; resolves with its request's result once the transaction completes. */
// biome-ignore lint/correctness/noUnusedVariables: used by the script this is put before (assets.ts)
const quizlineOutbox = (() => {
	let opened;
	return (mode, op) => {
		opened ??= new Promise((resolve, reject) => {
			const req = indexedDB.open("quizline", 1);
			req.onupgradeneeded = () => req.result.createObjectStore("outbox", { keyPath: "attemptId" });
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		return opened.then(
			(db) =>
				new Promise((resolve, reject) => {
					const tx = db.transaction("outbox", mode);
					const req = op(tx.objectStore("outbox"));
					tx.oncomplete = () => resolve(req.result);
					tx.onabort = tx.onerror = () => reject(tx.error);
				}),
		);
	};
})();
