// mulberry32: a small seeded PRNG shared by the test generators and the
// benchmark data, so every run (and every failure) is reproducible from its seed.
// rng(seed)() is a float in [0, 1); .int(n) an integer in [0, n); .pick(arr) an element.
export function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    next.int = (n) => Math.floor(next() * n);
    next.pick = (arr) => arr[Math.floor(next() * arr.length)];
    return next;
}
