const url = process.argv[2];
const s = await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json();
const headers = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
const N = Number(process.argv[3]); const from = Number(process.argv[4]); const t = performance.now(); const times: number[] = [];
for (let i = 0; i < N; i++) { const t0 = performance.now(); const r = await fetch(`${url}/api/records/bench-${from - i}/actions/cancel`, { method: 'POST', headers, body: JSON.stringify({ reason: 'customer_request' }) }); await r.text(); if (r.status !== 200) throw new Error(String(r.status)); times.push(performance.now() - t0); }
times.sort((a, b) => a - b); console.log('median', times[N >> 1].toFixed(2));
