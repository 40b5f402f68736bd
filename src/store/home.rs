//! The home screen's long lists a page at a time: at 10,000 children the whole "needs
//! attention" list is 12 MB of JSON, made, carried and parsed although the screen draws its
//! first 100 rows. Each list is worked out whole in the core, exactly as before, then searched
//! and cut here, so the count and the search always cover every child: a child who needs
//! attention never drops out of either because it would be on a page not yet shown.

use std::cell::RefCell;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::status::Attention;
use super::Store;
use crate::error::Result;
use crate::model::Child;
use crate::search::Query;

/// One page of a home-screen list, with how many there are in all and how many match.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Page<T> {
    /// Every record on the list, whatever the search.
    pub total: u32,
    /// Those matching the search: all of them when there is none.
    pub matching: u32,
    /// Where this page starts among the matching ones (0 for the first).
    pub offset: u32,
    /// At most the number asked for, in the list's own order.
    pub rows: Vec<T>,
}

impl<T: Clone> Page<T> {
    /// The page of `list` (already in its final order) from `offset` among those matching
    /// `query`; only the page's rows are copied.
    fn of(list: &[T], query: &str, offset: u32, limit: u32, fields: impl Fn(&T) -> [Option<&str>; 2]) -> Page<T> {
        let query = Query::new(query);
        let matching: Vec<&T> = list.iter().filter(|row| query.matches(fields(row))).collect();
        Page {
            total: count(list.len()),
            matching: count(matching.len()),
            offset,
            rows: matching.into_iter().skip(offset as usize).take(limit as usize).cloned().collect(),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A household on the home screen, with how many children it has.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct HouseholdRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub children: u32,
}

/// The "needs attention" list last worked out, kept while nothing in the records has changed
/// and the day is the same: at 10,000 children working it out takes most of a second, and the
/// next page or a search must not take as long again. Any write on this connection (even one
/// rolled back) or a commit on another one means it is worked out afresh: a kept list must never
/// hide a reason the records now give.
#[derive(Default)]
pub(super) struct AttentionCache(RefCell<Option<(Freshness, Vec<Attention>)>>);

/// What the kept list was worked out for: the day, this connection's count of rows written,
/// and SQLite's `data_version` (which moves when another connection commits).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Freshness {
    today: NaiveDate,
    written: u64,
    data_version: i64,
}

impl Store {
    fn attention_freshness(&self, today: NaiveDate) -> Result<Freshness> {
        let data_version = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Freshness { today, written: self.conn.total_changes(), data_version })
    }

    /// One page of the children needing attention as at `today` (`needs_attention`'s list and
    /// order, reasons unchanged), searched by the child's name and household.
    pub fn needs_attention_page(
        &self,
        today: NaiveDate,
        query: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Page<Attention>> {
        let fresh = self.attention_freshness(today)?;
        let mut kept = self.attention_cache.0.borrow_mut();
        if kept.as_ref().is_none_or(|(made_for, _)| *made_for != fresh) {
            *kept = Some((fresh, self.needs_attention(today)?));
        }
        let list = &kept.as_ref().expect("worked out above").1;
        Ok(Page::of(list, query, offset, limit, |a| [Some(a.child.name.as_str()), a.child.household_name.as_deref()]))
    }

    /// One page of every child, by name, searched by name and household. Without a search the
    /// page is cut and counted in SQL: at 10,000 children, making every child to keep a hundred
    /// took 28 to 48 ms and the page alone takes about 3 ms (README, "Speed and footprint"). A
    /// search (accents and case folded, which SQLite cannot do) filters the whole list here,
    /// in the same order (`children_by_name`).
    pub fn children_page(&self, query: &str, offset: u32, limit: u32) -> Result<Page<Child>> {
        if Query::new(query).is_empty() {
            let total: u32 = self.conn.query_row("SELECT count(*) FROM children", [], |r| r.get(0))?;
            let rows = self.children_by_name(offset, Some(limit))?;
            return Ok(Page { total, matching: total, offset, rows });
        }
        let list = self.list_children()?;
        Ok(Page::of(&list, query, offset, limit, |c| [Some(c.name.as_str()), c.household_name.as_deref()]))
    }

    /// One page of the households, by name, each with its number of children, searched by name.
    pub fn households_page(&self, query: &str, offset: u32, limit: u32) -> Result<Page<HouseholdRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT h.id, h.name, (SELECT count(*) FROM children c WHERE c.household_id = h.id)
             FROM households h ORDER BY h.name COLLATE NOCASE, h.id",
        )?;
        let list: Vec<HouseholdRow> = stmt
            .query_map([], |r| Ok(HouseholdRow { id: r.get(0)?, name: r.get(1)?, children: r.get(2)? }))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Page::of(&list, query, offset, limit, |h| [Some(h.name.as_str()), None]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::chronology::WAS_NOT_BROUGHT_COUNTS;
    use super::super::status::{needs_attention_sql, DRAFTS_IN_PROGRESS};
    use super::Store;

    /// SQLite's plan for `sql`, one step a line (every parameter bound to NULL).
    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
        let steps = stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3)).unwrap();
        steps.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    /// What the home screen works out after unlock reads the indexes of migration 14, not every
    /// checklist, narrative or event in the file: at 10,000 children a scan is most of a second.
    #[test]
    fn the_lists_worked_out_after_unlock_read_their_own_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("s.db"), "a passphrase here", "Tester").unwrap();
        let attention = plan(&store, &needs_attention_sql());
        // The latest finalised checklist (for "not seen alone") and those awaiting review.
        let finalised = attention.matches("COVERING INDEX assessments_finalised").count();
        assert_eq!(finalised, 2, "{attention}");
        assert!(attention.contains("INDEX narratives_not_seen_alone"), "{attention}");
        let drafts = plan(&store, DRAFTS_IN_PROGRESS);
        assert!(drafts.contains("INDEX assessments_drafts"), "{drafts}");
        let not_brought = plan(&store, WAS_NOT_BROUGHT_COUNTS);
        assert!(not_brought.contains("INDEX events_kind_date"), "{not_brought}");
    }
}
