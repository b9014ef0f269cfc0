// Counts in words: "1 server", "2 servers", never "1 servers" or "server(s)".

/** The noun for n of it: one for 1, many (default one + "s") otherwise. */
export const noun = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);

/** n and its noun: plural(1, 'server') is "1 server", plural(3, 'entry', 'entries') is "3 entries". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${noun(n, one, many)}`;
