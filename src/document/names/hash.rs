/// FNV-1a (64 bits) of a key: where `build.rs` puts it in a name table and where
/// `names::Table` looks for it.
pub(crate) fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
