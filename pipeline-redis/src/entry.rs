//! [`Entry`]: one stream entry as read, for a decoder to turn into the pipeline's item.

use std::collections::HashMap;
use std::fmt;

use redis::{FromRedisValue, Value};

/// A stream entry: its id, its fields, and how many times the group has delivered it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    id: String,
    fields: HashMap<String, Value>,
    deliveries: u64,
}

impl Entry {
    pub(crate) fn new(id: String, fields: HashMap<String, Value>, deliveries: u64) -> Self {
        Self {
            id,
            fields,
            deliveries,
        }
    }

    /// The entry's id (`1700000000000-0`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How many times the group has delivered it, this delivery included.
    pub fn deliveries(&self) -> u64 {
        self.deliveries
    }

    /// Its fields, as the server sent them.
    pub fn fields(&self) -> &HashMap<String, Value> {
        &self.fields
    }

    /// Field `name`, converted: `entry.get::<u64>("n")`. A missing field or one of another
    /// type is a [`FieldError`] that names the entry and the field.
    pub fn get<T: FromRedisValue>(&self, name: &str) -> Result<T, FieldError> {
        let value = self.fields.get(name).ok_or_else(|| FieldError {
            id: self.id.clone(),
            field: name.to_owned(),
            problem: "is missing".to_owned(),
        })?;
        T::from_redis_value_ref(value).map_err(|error| FieldError {
            id: self.id.clone(),
            field: name.to_owned(),
            problem: format!("cannot be read as {}: {error}", std::any::type_name::<T>()),
        })
    }

    /// Field `name` as text.
    pub fn text(&self, name: &str) -> Result<String, FieldError> {
        self.get(name)
    }
}

/// A field of an entry that a decoder needed and could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    id: String,
    field: String,
    problem: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "field `{}` of entry {} {}",
            self.field, self.id, self.problem
        )
    }
}

impl std::error::Error for FieldError {}
