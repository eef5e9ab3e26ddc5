/**
 * `record[key]` when the record holds `key` itself, else undefined: a param named `constructor` or
 * `toString` that was not given is not `Object.prototype`'s function of that name.
 */
export const ownValue = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
