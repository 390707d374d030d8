//! The page's entry points: a handful of coarse functions, data crossing as serde values.
//! Only this module knows JavaScript.
