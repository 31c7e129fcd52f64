//! Compile-time behaviour of `pipeline!` (trybuild): every mistake is one error, on the
//! offending tokens, saying what is expected; and the pass cases compile and run.
//!
//! The `.stderr` snapshots are for the workspace's toolchain (rustc 1.95). To refresh them
//! after an intended change: `TRYBUILD=overwrite cargo test --test ui`, then review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/syntax/*.rs");
    cases.compile_fail("tests/ui/graph/*.rs");
    cases.compile_fail("tests/ui/options/*.rs");
    cases.compile_fail("tests/ui/types/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
