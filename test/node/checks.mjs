// The check log the node test scripts share: one line per check
// ("  ok   name: info" or "  FAIL name: info") and, at the end, the
// "RESULT <passed> <failed>" line that test/lib.sh counts.
let passed = 0, failed = 0;

export function record(name, ok, info = '') {
    if (ok) passed++; else failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${info ? `: ${info}` : ''}`);
}

export const printResult = () => console.log(`RESULT ${passed} ${failed}`);

// A duration for the log.
export const ms = (t) => `${t.toFixed(0)} ms`;
