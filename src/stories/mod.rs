//! Linked stories: the same story across outlets and languages (DESIGN §6).
