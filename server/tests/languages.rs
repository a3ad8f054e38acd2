//! Knit in the five languages it speaks: the catalogue is whole in each, and
//! every page and email a respondent meets is in their language, with none of
//! Knit's own words left in English.

mod common;

use app::model::date::Date;
use app::model::language::Language;
use app::store::testing::TestDb;
use app::surveys::service;
use app::surveys::{AttributeQuestion, Population, QuestionKind, RelationKind, SurveyDefinition};
use axum::http::StatusCode;
use common::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

app::backend_tests!(
    every_page_and_email_a_respondent_meets_is_in_their_language,
    the_roster_then_the_browser_then_the_organization_decide,
    a_survey_speaks_each_readers_language_once_hr_translates_its_words,
    hr_words_each_email_in_each_language,
    the_newcomer_pulse_asks_in_each_language,
    what_knit_refuses_before_it_knows_who_asks_follows_the_browser,
);

/// HR's texts (`staff-*.ftl`), English only for now: other languages fall
/// back to them.
const STAFF_FILES: &str = "staff-";

/// One message of the catalogue: the variables it uses, and its text.
#[derive(Debug)]
struct Message {
    variables: BTreeSet<String>,
    text: String,
}

/// The messages of a language that respondents, newcomers and colleagues read.
fn messages(language: Language) -> BTreeMap<String, Message> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app/locales")
        .join(language.code());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the language's folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ftl")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(STAFF_FILES))
        })
        .collect();
    files.sort();
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let mut current: Option<String> = None;
        for line in std::fs::read_to_string(&file).expect("readable").lines() {
            if line.starts_with('#') {
                current = None;
            } else if !line.starts_with(' ') && line.contains(" =") {
                let (id, value) = line.split_once(" =").expect("an id and a value");
                let id = id.trim().to_string();
                assert!(
                    found.insert(id.clone(), value.trim().to_string()).is_none(),
                    "{id} is written twice in {}",
                    file.display()
                );
                current = Some(id);
            } else if let Some(id) = &current {
                let text = found.get_mut(id).expect("the current message");
                text.push('\n');
                text.push_str(line.trim());
            }
        }
    }
    found
        .into_iter()
        .map(|(id, text)| {
            let variables = text
                .split('$')
                .skip(1)
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect()
                })
                .collect();
            (id, Message { variables, text })
        })
        .collect()
}

#[test]
fn the_catalogue_has_every_message_in_every_language_with_the_same_values() {
    let english = messages(Language::English);
    assert!(english.len() > 80, "{} messages", english.len());
    for language in Language::ALL {
        let theirs = messages(language);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !theirs.contains_key(*id))
            .collect();
        let unknown: Vec<&String> = theirs
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{}: missing {missing:?}, not in English {unknown:?}",
            language.code()
        );
        for (id, message) in &english {
            assert_eq!(
                theirs[id].variables,
                message.variables,
                "{id} in {} uses other values than in English",
                language.code()
            );
            // Formatted by Fluent from this language's own files, with no
            // fallback: a message that does not parse or format fails here.
            let values: Vec<(String, String)> = message
                .variables
                .iter()
                .map(|v| (v.clone(), "7".to_string()))
                .collect();
            assert!(
                language.own_words(id, &values).is_some(),
                "{id} does not format in {}",
                language.code()
            );
        }
    }
}

/// Knit's own English: each run of three words or more in the English
/// messages, with values and variants taken out.
fn english_phrases() -> Vec<String> {
    let mut phrases = BTreeSet::new();
    for message in messages(Language::English).values() {
        let mut literal = String::new();
        let mut depth = 0;
        for c in message.text.chars() {
            match c {
                '{' => {
                    depth += 1;
                    literal.push('\n');
                }
                '}' => depth -= 1,
                c if depth == 0 => literal.push(c),
                _ => {}
            }
        }
        for piece in literal.split('\n').map(str::trim) {
            if piece.split_whitespace().count() >= 3 {
                phrases.insert(piece.to_string());
            }
        }
    }
    phrases.into_iter().collect()
}

/// A page's or message's text as a reader gets it: entities decoded.
fn readable(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The words of a page a reader sees or hears: its text and its labels.
fn visible_words(html: &str) -> BTreeSet<String> {
    let html = readable(html);
    let mut words: BTreeSet<String> = html
        .split('<')
        .filter(|chunk| !chunk.starts_with("script") && !chunk.starts_with("style"))
        .filter_map(|chunk| chunk.split_once('>').map(|(_, text)| text.trim()))
        .filter(|text| text.chars().any(char::is_alphabetic))
        .map(String::from)
        .collect();
    for attribute in ["aria-label=\"", "placeholder=\"", "title=\""] {
        words.extend(
            html.split(attribute)
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(String::from),
        );
    }
    words
}

/// What is wrong with a text meant for a reader of `language`: Knit's English
/// phrases left in it, or a message the catalogue did not have.
fn not_in(language: Language, what: &str, text: &str, english: &[String]) -> Vec<String> {
    let text = readable(text);
    let mut wrong: Vec<String> = if language == Language::English {
        Vec::new()
    } else {
        english
            .iter()
            .filter(|phrase| text.contains(phrase.as_str()))
            .map(|phrase| format!("{what} in {}: English left: {phrase}", language.code()))
            .collect()
    };
    if text.contains("Unknown localization") {
        wrong.push(format!(
            "{what} in {}: a message is missing",
            language.code()
        ));
    }
    wrong
}

/// Each roster person's language, their email and name.
const PEOPLE: [(Language, &str, &str, &str); 5] = [
    (Language::English, "emma@acme.test", "Emma Brown", "en"),
    (
        Language::German,
        "jonas@acme.test",
        "Jonas Weber",
        "Deutsch",
    ),
    (Language::French, "lea@acme.test", "Léa Martin", "fr-FR"),
    (
        Language::Spanish,
        "lucia@acme.test",
        "Lucía García",
        "Spanish",
    ),
    (
        Language::Portuguese,
        "joao@acme.test",
        "João Silva",
        "pt_PT",
    ),
];

/// The organization's survey: its content is HR's own, written once.
fn definition() -> SurveyDefinition {
    SurveyDefinition {
        reminder_days: vec![3],
        name: "Acme network 2026".into(),
        introduction: "Acme 2026.".into(),
        population: Population::default(),
        relations: vec![RelationKind::Information.template()],
        questions: vec![AttributeQuestion {
            id: 0,
            kind: QuestionKind::Agreement,
            prompt: "Acme?".into(),
            options: vec![],
            shown_options: Vec::new(),
        }],
    }
}

/// Words that are data, not Knit's: names, the roster's teams and titles,
/// the survey's own content, each language's own name.
fn data_words(definition: &SurveyDefinition) -> BTreeSet<String> {
    let mut data: BTreeSet<String> = ["Knit", "Carla Tavares", "Team · Platform"]
        .map(String::from)
        .into();
    for (_, _, name, _) in PEOPLE {
        data.insert(name.to_string());
    }
    data.extend(Language::ALL.map(|l| l.native_name().to_string()));
    data.insert(definition.name.clone());
    data.insert(definition.introduction.clone());
    for relation in &definition.relations {
        data.insert(relation.question.clone());
        for scale in &relation.scales {
            data.insert(scale.label.clone());
            data.extend(scale.labels.iter().cloned());
        }
    }
    data.extend(definition.questions.iter().map(|q| q.prompt.clone()));
    data
}

/// The language the respondent page's card says it is in (`lang`).
fn page_language(body: &str) -> Option<Language> {
    body.split("<section")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .find_map(|tag| tag.split("lang=\"").nth(1)?.split('"').next())
        .and_then(Language::parse)
}

/// A company whose five people each read a language (the roster says which),
/// one survey wave open to them all, and each one's personal link.
async fn company(site: &Site) -> (app::model::auth::CurrentUser, i64, BTreeMap<String, String>) {
    let token = site.set_up().await;
    let admin = app::auth::service::resolve_session(&site.t.db, &token)
        .await
        .expect("q")
        .expect("admin")
        .user;
    let mut csv = String::from("Email,Name,Team,Title,Preferred language\n");
    for (_, email, name, language) in PEOPLE {
        csv.push_str(&format!("{email},{name},Platform,Team,{language}\n"));
    }
    csv.push_str("carla@acme.test,Carla Tavares,Platform,Team,\n");
    app::fixtures::import(&site.t.db, &csv).await;
    let survey = service::create_survey(&site.t.db, &admin, &definition())
        .await
        .expect("survey");
    let wave = service::add_wave(
        &site.t.db,
        &admin,
        survey,
        &Date::today().iso(),
        &Date::from_days_since_epoch(Date::today().days_since_epoch() + 20).iso(),
    )
    .await
    .expect("wave");
    let key = app::mail::LinkKey::generate();
    let tokens = service::open_wave(&site.t.db, &key, &admin, wave)
        .await
        .expect("open");
    let mut links = BTreeMap::new();
    for (person, token) in tokens {
        let email = app::store::people::get(&site.t.db, person)
            .await
            .expect("q")
            .expect("person")
            .email;
        links.insert(email, token);
    }
    (admin, wave, links)
}

/// Signs one person in with their link; their respondent cookie.
async fn signed_in(site: &Site, token: &str) -> String {
    let reply = site.get(&format!("/s/{token}"), None).await;
    format!(
        "knit_respondent={}",
        reply.cookie("knit_respondent").expect("cookie")
    )
}

/// Every state of the respondent page one person can reach: fresh, a search
/// with and without matches, a colleague named and rated, saved, submitted,
/// declined, and suggested to newcomers. Browsers ask for Japanese, which Knit
/// does not speak, so the roster's language is the one that shows.
/// The first question (relation) a wave asks.
async fn asked_of(db: &app::store::Db, wave: i64) -> i64 {
    let survey = app::store::surveys::get_wave(db, wave)
        .await
        .expect("q")
        .expect("wave")
        .survey_id;
    app::fixtures::first_relation(db, survey).await
}

async fn respondent_pages(site: &Site, wave: i64, me: i64, cookie: &str) -> Vec<(String, String)> {
    let relation = asked_of(&site.t.db, wave).await;
    let carla = app::store::people::find_id_by_email(&site.t.db, "carla@acme.test")
        .await
        .expect("q")
        .expect("Carla");
    let mut pages = Vec::new();
    let mut page = async |label: &str, path: &str| {
        let reply = site.get_as(path, cookie, "ja").await;
        assert_eq!(reply.status, StatusCode::OK, "{label}: {}", reply.body);
        pages.push((label.to_string(), reply.body));
    };
    page("the page", "/respond").await;
    page("a search", &format!("/respond?search={relation}&q=Tav")).await;
    page(
        "a search without match",
        &format!("/respond?search={relation}&q=zzz"),
    )
    .await;
    service::name_colleague(&site.t.db, wave, me, relation, carla, true)
        .await
        .expect("named");
    page("a colleague named", "/respond?saved=1").await;
    page("submitted", "/respond?submitted=1").await;
    service::set_declined(&site.t.db, wave, me, true)
        .await
        .expect("declined");
    page("declined", "/respond?declined=1").await;
    service::set_declined(&site.t.db, wave, me, false)
        .await
        .expect("back");
    pages
}

async fn every_page_and_email_a_respondent_meets_is_in_their_language(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, wave, links) = company(&site).await;
    let english = english_phrases();
    let data = data_words(&definition());
    // Carla, a newcomer, had each of them suggested to her: their page says so.
    let mut ids = BTreeMap::new();
    for (language, email, _, _) in PEOPLE {
        let id = app::store::people::find_id_by_email(&site.t.db, email)
            .await
            .expect("q")
            .expect("person");
        ids.insert(language.code(), id);
    }
    let carla = app::store::people::find_id_by_email(&site.t.db, "carla@acme.test")
        .await
        .expect("q")
        .expect("Carla");
    let facts: Vec<app::newcomers::SuggestionFacts> = ids
        .values()
        .map(|&person_id| app::newcomers::SuggestionFacts {
            person_id,
            ground: analysis::newcomers::Ground::TeamReliance,
            reasons: vec![],
        })
        .collect();
    let link = app::store::newcomers::NewcomerLink {
        seed: "seed",
        token_hash: "hash",
        lifetime_ms: 86_400_000,
    };
    app::fixtures::introduce(&site.t.db, wave, carla, &facts, &link, false)
        .await
        .expect("introduced");

    let relation = asked_of(&site.t.db, wave).await;
    let mut wrong = Vec::new();
    let mut in_english: Option<BTreeSet<String>> = None;
    for (language, email, _, _) in PEOPLE {
        let cookie = signed_in(&site, &links[email]).await;
        let me = ids[language.code()];
        // What Knit refuses, it says in their language: naming oneself, and
        // rating someone not named.
        for (call, body, refusal) in [
            (
                "name_colleague",
                format!("relation_id={relation}&person_id={me}&on=true"),
                "respond-refused-named-self",
            ),
            (
                "rate",
                format!("relation_id={relation}&person_id={carla}&key=frequency&value=3"),
                "respond-refused-rate-unnamed",
            ),
        ] {
            let refused = site.call_as(call, &body, &cookie).await;
            assert_eq!(
                refused.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                refused.body
            );
            assert!(
                refused.body.contains(&language.say(refusal)),
                "{} in {}: {}",
                refusal,
                language.code(),
                refused.body
            );
            wrong.extend(not_in(language, refusal, &refused.body, &english));
        }
        let pages = respondent_pages(&site, wave, me, &cookie).await;
        let mut seen = BTreeSet::new();
        for (label, body) in &pages {
            wrong.extend(not_in(language, label, body, &english));
            assert_eq!(
                page_language(body),
                Some(language),
                "{label} in {}: the page names its language",
                language.code()
            );
            seen.extend(visible_words(body));
        }
        match &in_english {
            None => {
                // The English pages use Knit's phrases, so the checks above can fail.
                let used = english
                    .iter()
                    .filter(|p| pages.iter().any(|(_, b)| readable(b).contains(p.as_str())))
                    .count();
                assert!(
                    used >= 15,
                    "only {used} of Knit's phrases on the English pages"
                );
                in_english = Some(seen);
            }
            // Words also on the English pages that are not data were written
            // in code, not in the catalogue.
            Some(english_words) => wrong.extend(
                seen.intersection(english_words)
                    .filter(|w| !data.contains(*w) && !w.contains("Carla Tavares"))
                    .map(|w| format!("in {}, as in English: {w}", language.code())),
            ),
        }
    }

    // Each of them is a newcomer too, introduced to Carla: their own page and
    // its reasons are in their language.
    let key = app::mail::LinkKey::generate();
    for (language, _, _, _) in PEOPLE {
        let seed = format!("seed-{}", language.code());
        let token =
            common::introduce_fellow(&site.t.db, &key, wave, ids[language.code()], carla, &seed)
                .await;
        let reply = site.get(&format!("/n/{token}"), None).await;
        let name = app::cookies::SiteCookie::Newcomer.name(false);
        let cookie = format!("{name}={}", reply.cookie(name).expect("newcomer cookie"));
        for path in ["/welcome".to_string(), format!("/welcome?ask={}", 0)] {
            let page = site.get_as(&path, &cookie, "ja").await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            assert_eq!(page_language(&page.body), Some(language), "{}", page.body);
            assert!(page.body.contains(&language.say("welcome-title")));
            assert!(page.body.contains("Carla Tavares"));
            wrong.extend(not_in(
                language,
                "the newcomer's page",
                &page.body,
                &english,
            ));
        }
        for (body, refusal) in [
            ("id=1&status=maybe", "welcome-refused-answer"),
            ("id=999999&status=met", "welcome-refused-not-yours"),
        ] {
            let refused = site.call_as("mark_introduction", body, &cookie).await;
            assert!(refused.status.is_client_error(), "{}", refused.body);
            assert!(
                refused.body.contains(&language.say(refusal)),
                "{refusal} in {}: {}",
                language.code(),
                refused.body
            );
            wrong.extend(not_in(language, refusal, &refused.body, &english));
        }
    }

    // The personal link's own pages speak the browser's language.
    for language in Language::ALL {
        let accept = format!("{}-XX,en;q=0.5", language.code());
        let invalid = site
            .get_as(&format!("/s/{}", "0".repeat(64)), "", &accept)
            .await;
        assert_eq!(invalid.status, StatusCode::NOT_FOUND);
        wrong.extend(not_in(language, "an unknown link", &invalid.body, &english));
        assert!(invalid.body.contains(&language.say("link-invalid-title")));
    }

    // Invitations and reminders go out in each person's language.
    let key = app::mail::LinkKey::generate();
    let invitations = common::deliver_to_folder(&site.t.db, &key, "language-invitations").await;
    app::mail::service::remind_now(&site.t.db, &admin, wave)
        .await
        .expect("reminders");
    let reminders = common::deliver_to_folder(&site.t.db, &key, "language-reminders").await;
    for folder in [invitations, reminders] {
        let messages: Vec<String> = common::messages_in(&folder);
        for (language, email, name, _) in PEOPLE {
            let theirs: Vec<&String> = messages
                .iter()
                .filter(|m| m.contains(email) && m.contains("Acme network 2026"))
                .collect();
            assert_eq!(
                theirs.len(),
                1,
                "one message to {email} in {}",
                folder.display()
            );
            wrong.extend(not_in(language, "an email", theirs[0], &english));
            let hello = language.say_with("respond-hello", &[("name", "".into())]);
            let greeting = hello.trim_end_matches([' ', '.']).trim_end_matches(',');
            assert!(theirs[0].contains(greeting), "{email}: {}", theirs[0]);
            assert!(theirs[0].contains(name));
        }
    }

    // HR sees the response by language, so a missing translation shows.
    service::save_answers(&site.t.db, wave, ids["de"], &Default::default(), true)
        .await
        .expect("Jonas answers");
    let survey = app::store::surveys::get_wave(&site.t.db, wave)
        .await
        .expect("q")
        .expect("wave")
        .survey_id;
    let policy = app::model::policy::Policy::default();
    let overview = service::overview(&site.t.db, &policy, &admin, survey, None)
        .await
        .expect("overview");
    let by_language: Vec<(String, Option<i64>, Option<i64>)> = overview.waves[0]
        .by_language
        .clone()
        .expect("analysts see it")
        .into_iter()
        .map(|g| (g.group, g.invited, g.answered))
        .collect();
    let organization = "English (the organization's; no language on the roster)";
    assert_eq!(
        by_language,
        [
            ("English", 0),
            (organization, 0),
            ("French", 0),
            ("German", 1),
            ("Portuguese", 0),
            ("Spanish", 0),
        ]
        .map(|(group, answered)| (group.to_string(), Some(1), Some(answered)))
        .to_vec()
    );

    // Closed: the page and the link say so in the reader's language.
    // Closed, not yet analysed.
    assert!(
        app::store::surveys::close_wave(&site.t.db, wave, Date::today())
            .await
            .expect("closed")
    );
    for (language, email, _, _) in PEOPLE {
        let accept = format!("{}-XX", language.code());
        let closed = site
            .get_as(&format!("/s/{}", links[email]), "", &accept)
            .await;
        assert_eq!(closed.status, StatusCode::GONE);
        wrong.extend(not_in(language, "a closed link", &closed.body, &english));
        assert!(closed.body.contains(&language.say("link-closed-title")));
    }

    // Analysed: each link shows its person's own report, in their language.
    app::jobs::analyze_wave(&site.t.db, &Default::default(), wave)
        .await
        .expect("analysed");
    for (language, email, _, _) in PEOPLE {
        let cookie = signed_in(&site, &links[email]).await;
        let report = site.get_as("/report", &cookie, "ja").await;
        assert_eq!(report.status, StatusCode::OK);
        assert_eq!(
            page_language(&report.body),
            Some(language),
            "{}",
            report.body
        );
        assert!(report.body.contains(&language.say("report-title")));
        wrong.extend(not_in(language, "the report", &report.body, &english));
    }

    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    site.finish().await;
}

/// Every email Knit writes, in every language: none of Knit's English left.
#[test]
fn every_emails_wording_is_in_each_language() {
    use app::mail::template::{Template, Values};
    let english = english_phrases();
    let mut wrong = Vec::new();
    for language in Language::ALL {
        let values = Values {
            name: "Ana".into(),
            organization: "Acme".into(),
            survey: "Acme 2026".into(),
            purpose: "Acme.".into(),
            link: "https://knit.test/s/abc".into(),
            closes_on: language.long_date("2026-12-11"),
            introductions: "- Rui Costa".into(),
            privacy: app::privacy::Privacy::default().email_promise(language),
            newcomer: "Nina Novak".into(),
            language,
        };
        for purpose in app::mail::Purpose::ALL {
            let message = Template::default_for(purpose, language)
                .render(&values)
                .expect("renders");
            for part in [&message.subject, &message.text, &message.html] {
                wrong.extend(not_in(language, purpose.key(), part, &english));
            }
            assert!(message.text.contains("https://knit.test/s/abc"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

async fn the_roster_then_the_browser_then_the_organization_decide(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, wave, links) = company(&site).await;
    let lang = page_language;
    // Carla's roster row names no language: her browser's applies.
    let carla = signed_in(&site, &links["carla@acme.test"]).await;
    let page = site
        .get_as("/respond", &carla, "de-DE,de;q=0.9,en;q=0.8")
        .await;
    assert_eq!(lang(&page.body), Some(Language::German));
    assert!(page.body.contains("Hallo Carla Tavares."));
    // A browser asking for none Knit speaks: the organization's language.
    let page = site.get_as("/respond", &carla, "ja").await;
    assert_eq!(lang(&page.body), Some(Language::English));
    app::mail::service::set_organization_language(&site.t.db, &admin, Language::Spanish)
        .await
        .expect("set");
    let page = site.get_as("/respond", &carla, "ja").await;
    assert_eq!(lang(&page.body), Some(Language::Spanish));
    // Jonas's roster says German, whatever his browser asks for.
    let jonas = signed_in(&site, &links["jonas@acme.test"]).await;
    let page = site.get_as("/respond", &jonas, "fr").await;
    assert_eq!(lang(&page.body), Some(Language::German));
    // Carla chooses French on her page: it stays, and her emails follow.
    let reply = site.call_as("choose_language", "language=fr", &carla).await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let page = site.get_as("/respond", &carla, "de").await;
    assert_eq!(lang(&page.body), Some(Language::French));
    assert!(page.body.contains("Bonjour Carla Tavares."));
    let id = app::store::people::find_id_by_email(&site.t.db, "carla@acme.test")
        .await
        .expect("q")
        .expect("Carla");
    let history = app::store::people::history(&site.t.db, id)
        .await
        .expect("history");
    assert!(
        history
            .iter()
            .any(|c| c.field == "attr:language" && c.new_value.as_deref() == Some("fr")),
        "the choice is in her history"
    );
    let key = app::mail::LinkKey::generate();
    app::mail::service::remind_now(&site.t.db, &admin, wave)
        .await
        .expect("reminders");
    let folder = common::deliver_to_folder(&site.t.db, &key, "language-choice").await;
    let to_carla: Vec<String> = common::messages_in(&folder)
        .into_iter()
        .filter(|m| m.contains("carla@acme.test") && m.contains("Rappel"))
        .collect();
    assert_eq!(to_carla.len(), 1, "her reminder is in French");
    // Knit refuses a language it does not speak, and says what to do.
    let refused = site.call_as("choose_language", "language=nl", &carla).await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
    assert!(
        refused.body.contains("Choose one of the languages listed"),
        "{}",
        refused.body
    );
    site.finish().await;
}

/// Every suggestion of the personal report, in every language: the figure is
/// written the language's way, and none of Knit's English is left.
#[test]
fn every_suggestion_of_the_report_is_in_each_language() {
    use app::model::report::Suggestion;
    let english = english_phrases();
    let suggestions = [
        Suggestion::Bridge {
            department: "Finance".into(),
            reached: 1,
            median: 2.5,
        },
        Suggestion::Lighten {
            named_by: 12,
            upper: 4.0,
        },
        Suggestion::Widen {
            named: 1,
            median: 3.0,
        },
        Suggestion::Keep {
            departments: 3,
            median: 2.0,
        },
    ];
    let mut wrong = Vec::new();
    for language in Language::ALL {
        for suggestion in &suggestions {
            let text = app::surveys::report::suggestion_text(suggestion, language);
            wrong.extend(not_in(language, "a suggestion", &text, &english));
        }
        let bridge = app::surveys::report::suggestion_text(&suggestions[0], language);
        let median = if language == Language::English {
            "2.5"
        } else {
            "2,5"
        };
        assert!(
            bridge.contains(median) && bridge.contains("Finance"),
            "{bridge}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every reason a newcomer (or their email) may be given, in every language:
/// the facts the disclosure policy allows, none of Knit's English left.
#[test]
fn every_reason_a_newcomer_reads_is_in_each_language() {
    use app::disclosure::Shareable;
    let english = english_phrases();
    let facts = [
        Shareable::TeamGoesTo {
            team: "Platform".into(),
            people: 6,
        },
        Shareable::ManyGoTo {
            people: 9,
            departments: 4,
        },
        Shareable::ManyGoTo {
            people: 7,
            departments: 1,
        },
        Shareable::SameTeam {
            team: "Platform".into(),
        },
        Shareable::SameDepartment {
            department: "Sales".into(),
        },
        Shareable::JoinedRecently,
        Shareable::SameLocation {
            location: "Lisbon".into(),
        },
        Shareable::WorksIn {
            department: "Sales".into(),
        },
    ];
    let mut wrong = Vec::new();
    for language in Language::ALL {
        for fact in &facts {
            let text = app::newcomers::words::shareable(fact, "Rita Alves", language);
            assert!(text.contains("Rita Alves"), "{text}");
            wrong.extend(not_in(language, "a reason", &text, &english));
            // Short sentences have no phrase of three words to look for.
            let in_english =
                app::newcomers::words::shareable(fact, "Rita Alves", Language::English);
            if language != Language::English && text == in_english {
                wrong.push(format!(
                    "a reason in {}, as in English: {text}",
                    language.code()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

async fn a_survey_speaks_each_readers_language_once_hr_translates_its_words(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, wave, links) = company(&site).await;
    let survey = app::store::surveys::get_wave(&site.t.db, wave)
        .await
        .expect("q")
        .expect("wave")
        .survey_id;
    let definition = app::store::surveys::get(&site.t.db, survey)
        .await
        .expect("q")
        .expect("survey")
        .definition;
    let policy = app::model::policy::Policy::default();
    let overview = || async {
        service::overview(&site.t.db, &policy, &admin, survey, None)
            .await
            .expect("overview")
            .translations
            .expect("HR sees the translations")
    };
    // The roster reads four languages besides the organization's. Knit's own
    // words (the template's question and its scale) come translated; HR's own
    // (the name, the introduction, the question about the respondent) do not.
    let before = overview().await;
    let total = definition.texts().len();
    assert_eq!(total, 10);
    assert_eq!(
        before
            .iter()
            .map(|t| (t.language, t.people, t.missing()))
            .collect::<Vec<_>>(),
        [
            Language::German,
            Language::French,
            Language::Spanish,
            Language::Portuguese
        ]
        .map(|l| (l, 1, 3))
        .to_vec()
    );

    // HR translates three of the survey's texts into German, over HTTP as the page does.
    let question = definition.relations[0].question.clone();
    let scale = definition.relations[0].scales[0].labels[0].clone();
    let token = site.sign_in().await;
    let pairs = [
        (definition.name.as_str(), "Acme-Netzwerk 2026"),
        (
            question.as_str(),
            "An wen wenden Sie sich für Informationen oder Hilfe?",
        ),
        (scale.as_str(), "Seltener als monatlich"),
        (
            "A text the survey does not have",
            "Ein Text, den es nicht gibt",
        ),
    ];
    let mut form: Vec<(String, String)> = vec![
        ("survey_id".into(), survey.to_string()),
        ("language".into(), "de".into()),
    ];
    for (i, (source, target)) in pairs.iter().enumerate() {
        form.push((format!("f[s.{i}]"), source.to_string()));
        form.push((format!("f[t.{i}]"), target.to_string()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = site.call("save_translations", &form, Some(&token)).await;
    assert!(
        saved.status.is_success() || saved.status.is_redirection(),
        "{}",
        saved.body
    );
    let german = overview().await.remove(0);
    assert_eq!(german.language, Language::German);
    assert_eq!(
        german.missing(),
        2,
        "the name is translated, the unknown text dropped"
    );

    // Jonas reads German: his page shows the German words, the rest as written.
    let jonas = signed_in(&site, &links["jonas@acme.test"]).await;
    let page = site.get_as("/respond", &jonas, "ja").await;
    for word in [
        "Acme-Netzwerk 2026",
        "An wen wenden Sie sich für Informationen oder Hilfe?",
    ] {
        assert!(page.body.contains(word), "{word}: {}", page.body);
    }
    assert!(!page.body.contains(&question));
    // Léa reads French, which HR has not translated: Knit's own question in
    // French, HR's name as written.
    let lea = signed_in(&site, &links["lea@acme.test"]).await;
    let page = site.get_as("/respond", &lea, "ja").await;
    assert!(page
        .body
        .contains(&Language::French.say("template-information")));
    assert!(page.body.contains("Acme network 2026") && !page.body.contains(&question));
    app::mail::service::remind_now(&site.t.db, &admin, wave)
        .await
        .expect("reminders");
    let key = app::mail::LinkKey::generate();
    let folder = common::deliver_to_folder(&site.t.db, &key, "language-translated").await;
    let to_jonas: Vec<String> = common::messages_in(&folder)
        .into_iter()
        .filter(|m| m.contains("jonas@acme.test"))
        .collect();
    // His invitation and his reminder both name the survey in German.
    assert_eq!(to_jonas.len(), 2);
    assert!(to_jonas
        .iter()
        .any(|m| m.contains("Erinnerung: Acme-Netzwerk 2026")));
    assert!(to_jonas
        .iter()
        .all(|m| m.contains("Acme-Netzwerk 2026") && !m.contains("Acme network 2026")));
    site.finish().await;
}

async fn hr_words_each_email_in_each_language(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, wave, _) = company(&site).await;
    let token = site.sign_in().await;
    // The wording page in German starts from Knit's own German wording.
    let page = site
        .call("mail_templates", &[("language", "de")], Some(&token))
        .await;
    assert!(
        page.body
            .contains("Erinnerung: {{survey}} endet am {{closes_on}}"),
        "{}",
        page.body
    );
    let saved = site
        .call(
            "save_mail_template",
            &[
                ("purpose", "reminder"),
                ("language", "de"),
                ("subject", "Bitte antworten: {{survey}}"),
                ("body", "Liebe Kollegin, lieber Kollege {{name}}: {{link}}"),
            ],
            Some(&token),
        )
        .await;
    assert!(
        saved.status.is_success() || saved.status.is_redirection(),
        "{}",
        saved.body
    );
    app::mail::service::remind_now(&site.t.db, &admin, wave)
        .await
        .expect("reminders");
    let key = app::mail::LinkKey::generate();
    let folder = common::deliver_to_folder(&site.t.db, &key, "language-wording").await;
    let messages: Vec<String> = common::messages_in(&folder);
    // Jonas gets HR's German wording; Léa Knit's own French; Emma Knit's English.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("jonas@acme.test")
                && m.contains("Bitte antworten: Acme network 2026"))
    );
    assert!(messages
        .iter()
        .any(|m| m.contains("lea@acme.test") && m.contains("Rappel : Acme network 2026")));
    assert!(messages
        .iter()
        .any(|m| m.contains("emma@acme.test") && m.contains("Reminder: Acme network 2026")));
    assert!(!messages
        .iter()
        .any(|m| !m.contains("jonas@acme.test") && m.contains("Bitte antworten")));
    // Each language's wording is its own: restoring German leaves English as it was.
    let reset = site
        .call(
            "reset_mail_template",
            &[("purpose", "reminder"), ("language", "de")],
            Some(&token),
        )
        .await;
    assert!(
        reset.status.is_success() || reset.status.is_redirection(),
        "{}",
        reset.body
    );
    let page = site
        .call("mail_templates", &[("language", "de")], Some(&token))
        .await;
    assert!(!page.body.contains("Bitte antworten"));
    site.finish().await;
}

/// The pulse is Knit's own survey: its name, introduction and two questions
/// are in the catalogue, and the English there is what the database holds.
async fn the_newcomer_pulse_asks_in_each_language(t: TestDb) {
    let pulse = app::store::pulses::survey_id(&t.db).await.expect("pulse");
    let definition = app::store::surveys::get(&t.db, pulse)
        .await
        .expect("q")
        .expect("the pulse")
        .definition;
    let texts = definition.texts();
    for language in Language::ALL {
        let words = service::translation_of(&t.db, pulse, language)
            .await
            .expect("words");
        for id in app::model::surveys::PULSE_TEXTS {
            assert!(
                texts.contains(&Language::English.say(id)),
                "{id} drifted from the stored pulse"
            );
        }
        let asked = definition.translated(&words);
        assert_eq!(asked.name, language.say("pulse-name"));
        assert_eq!(asked.relations[0].question, language.say("pulse-went-to"));
        assert_eq!(
            asked.relations[1].question,
            language.say("pulse-came-to-you")
        );
    }
    t.finish().await;
}

/// Knit's own survey words are the code's English, word for word, so a
/// survey built from the templates is translated without HR.
#[test]
fn knit_s_own_survey_words_match_the_catalogue() {
    for (id, english) in app::model::surveys::knit_words() {
        assert_eq!(Language::English.say(&id), english, "{id}");
        for language in Language::ALL {
            assert!(!language.say(&id).is_empty(), "{id} in {}", language.code());
        }
    }
}

/// Refusals made before Knit knows who asks (a call from another site, a
/// call too large to read) are in the language the browser asks for.
async fn what_knit_refuses_before_it_knows_who_asks_follows_the_browser(t: TestDb) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let site = Site::new(t).await;
    let english = english_phrases();
    for language in Language::ALL {
        let accept = format!("{}-XX,en;q=0.3", language.code());
        let cross_site = site
            .send(
                Request::post("/api/save_response")
                    .header(header::HOST, "knit.test")
                    .header(header::ORIGIN, "https://elsewhere.example")
                    .header("sec-fetch-site", "cross-site")
                    .header(header::ACCEPT_LANGUAGE, &accept)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("x=1"))
                    .expect("request"),
            )
            .await;
        assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
        assert_eq!(cross_site.body, language.say("refused-cross-site"));
        let too_large = site
            .send(
                Request::post("/api/save_response")
                    .header(header::HOST, "knit.test")
                    .header("sec-fetch-site", "same-origin")
                    .header(header::ACCEPT_LANGUAGE, &accept)
                    .header(header::ACCEPT, "application/json")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!("f={}", "x".repeat(600 * 1024))))
                    .expect("request"),
            )
            .await;
        assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
        let wrong: Vec<String> = [&cross_site.body, &too_large.body]
            .into_iter()
            .flat_map(|body| not_in(language, "a refusal at the door", body, &english))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(
            too_large
                .body
                .contains(&language.say_with("refused-too-large", &[("kib", 512.into())])),
            "{}",
            too_large.body
        );
    }
    site.finish().await;
}
