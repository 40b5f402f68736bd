//! Printed summaries (PDF): the core-group summary for professionals and the family summary.
