//! Behaviour tests of `pipeline!`: every DSL form, run through the macro.

mod smoke;
