// Cypher has no LOCK statement; writing a property takes the element's write lock, and taking it
// away again in the same statement leaves nothing behind. Reading an element after this in the
// same transaction sees the value no concurrent writer can change until we commit. Reading
// alone takes no lock, which is how two writers once both saw the same "before".
export const LOCK = (v: string) => `SET ${v}._lock = true REMOVE ${v}._lock`;
