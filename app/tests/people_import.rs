//! Reading roster files: the rules HR relies on, and that no file makes the
//! reader panic or report a problem without its row and column.

use app::model::date::Date;
use app::people::import::{parse, plan, ExistingPerson};
use app::people::{PersonFields, Status};
use proptest::prelude::*;

fn today() -> Date {
    Date::new(2025, 6, 1).expect("date")
}

fn problems(csv: &str) -> Vec<(usize, String, String)> {
    let parsed = parse(csv.as_bytes());
    plan(parsed, &[], false, today())
        .problems
        .into_iter()
        .map(|p| (p.row, p.column, p.message))
        .collect()
}

#[test]
fn headers_are_matched_by_their_common_names() {
    let csv = "\u{feff}Work Email;Employee Name;Dept;Team Name;Job Title;Manager E-mail;Office;Start Date;Termination Date;Cost Centre\n\
               ana@acme.test;Ana Lima;Engineering;Platform;CTO;;Lisbon;2019-03-15;;CC-1\n";
    let parsed = parse(csv.as_bytes());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let row = &parsed.rows[0];
    assert_eq!(row.email, "ana@acme.test");
    assert_eq!(row.fields.full_name, "Ana Lima");
    assert_eq!(row.fields.department.as_deref(), Some("Engineering"));
    assert_eq!(row.fields.team.as_deref(), Some("Platform"));
    assert_eq!(row.fields.title.as_deref(), Some("CTO"));
    assert_eq!(row.fields.location.as_deref(), Some("Lisbon"));
    assert_eq!(row.fields.hire_date.as_deref(), Some("2019-03-15"));
    assert_eq!(
        row.fields.attributes.get("Cost Centre").map(String::as_str),
        Some("CC-1")
    );
    assert_eq!(parsed.custom_columns, vec!["Cost Centre".to_string()]);
}

#[test]
fn first_and_last_name_make_the_full_name() {
    let parsed = parse(b"email,first_name,LAST NAME\nana@acme.test,Ana,Lima\n");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.rows[0].fields.full_name, "Ana Lima");
}

#[test]
fn quoted_cells_may_hold_separators_and_newlines() {
    let parsed = parse(b"Email,Name,Title\n\"ana@acme.test\",\"Lima, Ana\",\"Head of\nEngineering\"\nrui@acme.test,Rui,Dev\n");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.rows[0].fields.full_name, "Lima, Ana");
    assert_eq!(
        parsed.rows[1].row, 3,
        "rows count records, as a spreadsheet does"
    );
}

#[test]
fn each_problem_names_row_column_and_fix() {
    let csv = "Email,Name,Manager Email,Hire Date\n\
               ana@acme.test,Ana,,2020-01-01\n\
               not-an-email,Bob,,\n\
               ANA@acme.test,Ana again,,\n\
               cy@acme.test,Cy,nobody@acme.test,\n\
               di@acme.test,Di,,31/02/2020\n\
               ed@acme.test,,,\n";
    let found = problems(csv);
    let expect = |row: usize, column: &str, needle: &str| {
        assert!(
            found
                .iter()
                .any(|(r, c, m)| *r == row && c.contains(column) && m.contains(needle)),
            "no problem at row {row}, column {column} mentioning {needle:?}: {found:#?}"
        );
    };
    expect(3, "Email (column A)", "has no @");
    expect(4, "Email (column A)", "also on row 2");
    expect(
        5,
        "Manager Email (column C)",
        "No one with the email nobody@acme.test",
    );
    expect(6, "Hire Date (column D)", "YYYY-MM-DD");
    expect(7, "Name (column B)", "name is empty");
    assert_eq!(found.len(), 5, "{found:#?}");
}

#[test]
fn manager_loops_are_refused() {
    let found = problems(
        "Email,Name,Manager Email\na@x.io,A,b@x.io\nb@x.io,B,c@x.io\nc@x.io,C,a@x.io\nd@x.io,D,d@x.io\ne@x.io,E,a@x.io\n",
    );
    let loops: Vec<_> = found
        .iter()
        .filter(|(_, _, m)| m.contains("loop"))
        .collect();
    assert_eq!(
        loops.len(),
        3,
        "each member of the loop is told: {found:#?}"
    );
    assert!(
        loops[0].2.contains("a@x.io → b@x.io → c@x.io → a@x.io"),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, _, m)| *r == 5 && m.contains("their own manager")),
        "{found:#?}"
    );
    assert!(
        !found.iter().any(|(r, _, _)| *r == 6),
        "E reports into a loop but is not in it"
    );
}

/// A row with a problem of its own (here a bad date) is still someone: a
/// later row naming her as manager is not told she is missing, and a loop
/// through her is still reported.
#[test]
fn a_row_left_out_for_its_own_problem_still_counts_for_managers() {
    let found = problems(
        "Email,Name,Manager Email,Start Date\n\
         eve@x.io,Eve,,31/31/2024\n\
         fay@x.io,Fay,eve@x.io,\n\
         gus@x.io,Gus,hal@x.io,\n\
         hal@x.io,Hal,gus@x.io,not a date\n",
    );
    assert!(
        found
            .iter()
            .any(|(r, c, m)| *r == 2 && c.starts_with("Start Date") && m.contains("not a date")),
        "{found:#?}"
    );
    assert!(
        !found
            .iter()
            .any(|(_, _, m)| m.contains("No one with the email eve@x.io")),
        "Eve is on row 2: {found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, _, m)| *r == 4 && m.contains("gus@x.io → hal@x.io → gus@x.io")),
        "the loop through Hal's row: {found:#?}"
    );
    // Someone on no row at all is still reported.
    let missing = problems("Email,Name,Manager Email\nfay@x.io,Fay,eve@x.io\n");
    assert!(
        missing
            .iter()
            .any(|(r, _, m)| *r == 2 && m.contains("No one with the email eve@x.io")),
        "{missing:#?}"
    );
}

#[test]
fn header_problems_are_reported_on_row_one() {
    let found = problems("Name,Team\nAna,Platform\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 1);
    assert!(found[0].2.contains("email column"));
    let found = problems("Email,Email Address,Name\n");
    assert!(
        found
            .iter()
            .any(|(r, c, m)| *r == 1 && c.contains("column B") && m.contains("same as Email")),
        "{found:#?}"
    );
    assert!(!problems("").is_empty());
}

#[test]
fn slash_dates_follow_the_files_own_order() {
    let parsed = parse(b"Email,Name,Start Date\na@x.io,A,03/04/2024\nb@x.io,B,25/04/2024\n");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        parsed.rows[0].fields.hire_date.as_deref(),
        Some("2024-04-03"),
        "day first, as row 3 shows"
    );
    let ambiguous = parse(b"Email,Name,Start Date\na@x.io,A,03/04/2024\n");
    assert_eq!(ambiguous.problems.len(), 1);
}

#[test]
fn formula_guards_are_removed_on_import() {
    let parsed = parse(b"Email,Name,Title\na@x.io,A,'=SUM(1)\nb@x.io,B,'Quoted\n");
    assert_eq!(parsed.rows[0].fields.title.as_deref(), Some("=SUM(1)"));
    assert_eq!(
        parsed.rows[1].fields.title.as_deref(),
        Some("'Quoted"),
        "other apostrophes are data"
    );
}

fn existing(id: i64, email: &str, name: &str, team: &str) -> ExistingPerson {
    ExistingPerson {
        id,
        email: email.into(),
        email_key: email.to_lowercase(),
        fields: PersonFields {
            full_name: name.into(),
            team: Some(team.into()),
            ..PersonFields::default()
        },
        manager_id: None,
        status: Status::Active,
    }
}

#[test]
fn plan_sorts_rows_into_added_changed_unchanged_and_deactivated() {
    let roster = vec![
        existing(1, "ana@x.io", "Ana", "Platform"),
        existing(2, "rui@x.io", "Rui", "Platform"),
        existing(3, "gone@x.io", "Gone", "Sales"),
    ];
    let csv = "Email,Name,Team,Manager Email\nANA@x.io,Ana,Platform,\nrui@x.io,Rui,Data,ana@x.io\nnew@x.io,New,Data,rui@x.io\n";
    let p = plan(parse(csv.as_bytes()), &roster, true, today());
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.added.len(), 1);
    assert_eq!(p.changed.len(), 1);
    let fields: Vec<&str> = p.changed[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, vec!["team", "manager"]);
    assert_eq!(
        p.deactivated.iter().map(|d| d.0).collect::<Vec<_>>(),
        vec![3]
    );
    let without = plan(parse(csv.as_bytes()), &roster, false, today());
    assert!(without.deactivated.is_empty(), "deactivation is opt-in");
    // The preview shows a new person's every column, as it will be stored.
    let (added, changed, _) = p.sample(10);
    let values: Vec<(String, Option<String>)> = added[0]
        .changes
        .iter()
        .map(|c| (c.field.clone(), c.new.clone()))
        .collect();
    assert_eq!(
        values,
        vec![
            ("Team".to_string(), Some("Data".to_string())),
            ("Manager".to_string(), Some("rui@x.io".to_string())),
        ]
    );
    assert_eq!(changed[0].changes[0].field, "Team");
}

#[test]
fn columns_missing_from_the_file_keep_their_values() {
    let roster = vec![existing(1, "ana@x.io", "Ana", "Platform")];
    let p = plan(
        parse(b"Email,Name\nana@x.io,Ana\n"),
        &roster,
        false,
        today(),
    );
    assert_eq!(p.unchanged, 1, "no Team column: the team stays");
    let p = plan(
        parse(b"Email,Name,Team\nana@x.io,Ana,\n"),
        &roster,
        false,
        today(),
    );
    assert_eq!(p.changed.len(), 1, "an empty Team cell clears it");
}

#[test]
fn leavers_with_a_past_end_date_are_inactive() {
    let p = plan(
        parse(b"Email,Name,End Date\na@x.io,A,2025-05-31\nb@x.io,B,2025-12-31\n"),
        &[],
        false,
        today(),
    );
    assert_eq!(p.added[0].status, Status::Inactive);
    assert_eq!(p.added[1].status, Status::Active);
}

/// Cells that stress a CSV reader: separators, quotes, newlines, odd bytes.
fn cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"ana@x.io".to_vec()),
        Just(b"Ana Lima".to_vec()),
        Just(b"2024-02-30".to_vec()),
        Just(b"\"quoted, \"\"cell\"\"\"".to_vec()),
        Just(b"\"unterminated".to_vec()),
        Just(b";".to_vec()),
        Just(b"=1+1".to_vec()),
        Just(vec![0xff, 0xfe, b'x']),
        proptest::collection::vec(any::<u8>(), 0..12),
        "[a-z@.]{0,12}".prop_map(String::into_bytes),
    ]
}

fn header() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"Email".to_vec()),
        Just(b"Work Email".to_vec()),
        Just(b"Name".to_vec()),
        Just(b"Manager Email".to_vec()),
        Just(b"Start Date".to_vec()),
        Just(b"End Date".to_vec()),
        Just(b"Team".to_vec()),
        Just(Vec::new()),
        "[A-Za-z ]{1,10}".prop_map(String::into_bytes),
    ]
}

fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(header(), 1..6),
        proptest::collection::vec(proptest::collection::vec(cell(), 0..7), 0..8),
        prop_oneof![Just(b','), Just(b';')],
        any::<bool>(),
    )
        .prop_map(|(headers, rows, sep, bom)| {
            let mut out = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            out.extend(headers.join(&sep));
            for row in rows {
                out.push(b'\n');
                out.extend(row.join(&sep));
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn structured_files_never_panic_and_locate_every_problem(file in csv_file()) {
        // CSV ends a record at \n, \r or \r\n: no row number can pass the line count.
        let rows_in_file = file.split(|b| *b == b'\n' || *b == b'\r').count();
        let p = plan(parse(&file), &[], true, today());
        for problem in &p.problems {
            prop_assert!(problem.row >= 1 && problem.row <= rows_in_file.max(1), "{problem:?}");
            prop_assert!(!problem.column.trim().is_empty(), "{problem:?}");
            prop_assert!(!problem.message.trim().is_empty(), "{problem:?}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(file in proptest::collection::vec(any::<u8>(), 0..400)) {
        let p = plan(parse(&file), &[], false, today());
        for problem in &p.problems {
            prop_assert!(problem.row >= 1 && !problem.column.is_empty(), "{problem:?}");
        }
    }
}

#[test]
fn a_language_column_is_read_in_any_common_spelling_and_kept_as_its_code() {
    for header in [
        "Language",
        "Locale",
        "Preferred language",
        "preferred_language",
    ] {
        let csv = format!(
            "Email,Name,{header}\nana@x.io,Ana,de-DE\nrui@x.io,Rui,Português\neva@x.io,Eva,\n"
        );
        let parsed = parse(csv.as_bytes());
        assert!(
            parsed.problems.is_empty(),
            "{header}: {:?}",
            parsed.problems
        );
        assert!(parsed.custom_columns.is_empty(), "{header} is Knit's own");
        let language = |i: usize| parsed.rows[i].fields.attributes.get("language").cloned();
        assert_eq!(
            (language(0), language(1), language(2)),
            (Some("de".into()), Some("pt".into()), None),
            "{header}"
        );
    }
    // A language Knit does not speak is named with its row and column.
    let parsed = parse(b"Email,Name,Locale\nana@x.io,Ana,Klingon\n");
    let problem = &parsed.problems[0];
    assert_eq!(
        (problem.row, problem.column.as_str()),
        (2, "Locale (column C)")
    );
    assert!(
        problem
            .message
            .contains("'Klingon' is not a language Knit speaks"),
        "{}",
        problem.message
    );
    // A file without the column keeps what the roster holds; with it, an
    // empty cell clears it.
    let mut ana = existing(1, "ana@x.io", "Ana", "Platform");
    ana.fields.attributes.insert("language".into(), "fr".into());
    let kept = plan(
        parse(b"Email,Name,Team\nana@x.io,Ana,Data\n"),
        &[ana.clone()],
        false,
        today(),
    );
    assert_eq!(
        kept.changed[0]
            .fields
            .attributes
            .get("language")
            .map(String::as_str),
        Some("fr")
    );
    let cleared = plan(
        parse(b"Email,Name,Team,Language\nana@x.io,Ana,Platform,\n"),
        &[ana],
        false,
        today(),
    );
    let fields: Vec<&str> = cleared.changed[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, vec!["attr:language"]);
}
