//! Writes a synthetic, realistically messy member directory for the benchmarks
//! (`npm run bench`): the 17 columns of SPEC §2 under the headers coordinators really type,
//! below a title row, with the values Excel and copy-paste leave behind (numbers for phones and
//! postal codes, floats for RPPS, abbreviations for professions, `mailto:`, stray spaces, a few
//! errors, blank and duplicate rows).
//!
//! Every identifier is synthetic and can belong to nobody: RPPS numbers start with `99` (real
//! ones start with `10`), ADELI numbers carry department 99, which exists for no one,
//! phones are in the ranges ARCEP reserves for fiction (05 36 49 xx xx, 06 39 98 xx xx), mail
//! domains are `example.*`.
//!
//! ```text
//! cargo run --release --example gen_bench -- 100000 bench-output/data/rows-100000.xlsx
//! cargo run --release --example gen_bench -- 100000 bench-output/data/last-100000.xlsx 2026 --last-year
//! ```
//!
//! `--last-year` writes the same members as the same seed does, as last year's directory would
//! hold them: about 5 % of them missing (they joined since), 5 % more who have left since, 10 %
//! with another phone and 10 % who did not use SPICO Dossier yet (the compare benchmark).
// A benchmark input generator: it picks from its own constant tables by index
// (Cargo.toml's [lints] hold the library and the command line to these lints).
#![allow(clippy::indexing_slicing)]

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// A small deterministic generator (SplitMix64): the same seed gives the same file, so runs
/// on different days measure the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 10_000.0 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn word(&mut self, items: &[&'static str]) -> &'static str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }
}

/// The Luhn check digit that makes `payload` + digit pass the Luhn test.
fn luhn_digit(payload: &str) -> u32 {
    let sum: u32 = payload
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let d2 = d * 2;
                if d2 > 9 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupuy",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Olivier",
    "Philippe",
    "Bourgeois",
    "Pierre",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Rolland",
    "Le Gall",
    "D'Arc",
    "Saint-Martin",
    "Da Silva",
    "Ben Ali",
    "Puech",
    "Bousquet",
    "Couderc",
    "Cabrol",
    "Teulière",
    "Escande",
    "Vayssière",
    "Marty",
    "Delmas",
    "Cazals",
    "Rouquette",
];

const GIVEN: &[&str] = &[
    "Jean",
    "Marie",
    "Pierre",
    "Anne",
    "Michel",
    "Isabelle",
    "Philippe",
    "Catherine",
    "Alain",
    "Nathalie",
    "Nicolas",
    "Sophie",
    "Christophe",
    "Sandrine",
    "Laurent",
    "Valérie",
    "Stéphane",
    "Céline",
    "Julien",
    "Aurélie",
    "Thomas",
    "Camille",
    "Mathieu",
    "Émilie",
    "jean-pierre",
    "marie-claire",
    "Jean-Luc",
    "Anne-Sophie",
    "Hélène",
    "Frédéric",
    "Élodie",
    "Sébastien",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Louis",
    "Inès",
    "Gaëlle",
    "Loïc",
    "Maëlle",
];

/// (input spellings, needs an identifier, TRE_G15 profession code for ADELI, speciality).
struct Profession {
    spellings: &'static [&'static str],
    rpps: bool,
    adeli_code: Option<&'static str>,
    specialities: &'static [&'static str],
}

const PROFESSIONS: &[Profession] = &[
    Profession {
        spellings: &[
            "Médecin",
            "MG",
            "médecin généraliste",
            "Dr",
            "MEDECIN",
            "Médecin",
        ],
        rpps: true,
        adeli_code: None,
        specialities: &[
            "Médecine générale",
            "",
            "",
            "Pédiatrie",
            "Gériatrie",
            "Psychiatrie",
        ],
    },
    Profession {
        spellings: &[
            "Infirmier",
            "IDE",
            "infirmière",
            "IDEL",
            "Infirmière libérale",
            "IDE",
        ],
        rpps: true,
        adeli_code: None,
        specialities: &["", "", "Soins palliatifs", "Plaies et cicatrisation"],
    },
    Profession {
        spellings: &[
            "Masseur-kinésithérapeute",
            "MK",
            "kiné",
            "kinésithérapeute",
            "MKDE",
        ],
        rpps: true,
        adeli_code: None,
        specialities: &["", "", "Rééducation périnéale", "Kiné respiratoire"],
    },
    Profession {
        spellings: &["Pharmacien", "pharmacienne", "Pharmacien d'officine"],
        rpps: true,
        adeli_code: None,
        specialities: &["", "Officine"],
    },
    Profession {
        spellings: &["Sage-femme", "SF", "sage femme", "Maïeuticien"],
        rpps: true,
        adeli_code: None,
        specialities: &[""],
    },
    Profession {
        spellings: &["Pédicure-podologue", "podo", "PDP", "pédicure"],
        rpps: true,
        adeli_code: None,
        specialities: &[""],
    },
    Profession {
        spellings: &["Chirurgien-dentiste", "dentiste", "CD"],
        rpps: true,
        adeli_code: None,
        specialities: &["", "Orthodontie"],
    },
    Profession {
        spellings: &["Orthophoniste", "orthophoniste "],
        rpps: false,
        adeli_code: Some("91"),
        specialities: &[""],
    },
    Profession {
        spellings: &["Psychologue", "psychologue clinicienne"],
        rpps: false,
        adeli_code: Some("93"),
        specialities: &["", "Neuropsychologie"],
    },
    Profession {
        spellings: &["Diététicien", "diététicienne", "diét"],
        rpps: true,
        adeli_code: None,
        specialities: &[""],
    },
    Profession {
        spellings: &["Coordinatrice", "Coordinateur", "coordinatrice CPTS"],
        rpps: false,
        adeli_code: None,
        specialities: &[""],
    },
    Profession {
        spellings: &["Secrétaire", "secretaire médicale"],
        rpps: false,
        adeli_code: None,
        specialities: &[""],
    },
];

/// Real Occitanie postal codes with their commune (La Poste), as typed.
const PLACES: &[(&str, &str)] = &[
    ("31000", "Toulouse"),
    ("31400", "TOULOUSE"),
    ("31200", "toulouse"),
    ("31300", "Toulouse "),
    ("34000", "Montpellier"),
    ("34500", "Béziers"),
    ("30000", "Nîmes"),
    ("30100", "Alès"),
    ("66000", "Perpignan"),
    ("81000", "Albi"),
    ("81100", "Castres"),
    ("09000", "Foix"),
    ("09100", "Pamiers"),
    ("09200", "Saint-Girons"),
    ("11000", "Carcassonne"),
    ("11100", "Narbonne"),
    ("12000", "Rodez"),
    ("12100", "Millau"),
    ("32000", "Auch"),
    ("46000", "Cahors"),
    ("48000", "Mende"),
    ("65000", "Tarbes"),
    ("82000", "Montauban"),
    ("31600", "Muret"),
    ("31700", "Blagnac"),
    ("34200", "Sète"),
    ("11400", "Castelnaudary"),
    ("81500", "Lavaur"),
];

const STREETS: &[&str] = &[
    "rue de la République",
    "avenue Jean Jaurès",
    "place du Capitole",
    "chemin des Vignes",
    "allée des Tilleuls",
    "boulevard Gambetta",
    "route de Narbonne",
    "impasse des Lilas",
];

const STRUCTURES: &[&str] = &[
    "",
    "",
    "Cabinet",
    "MSP du Lauragais",
    "Centre de santé municipal",
    "Cabinet infirmier des Arcades",
    "Pharmacie du Marché",
    "EHPAD Les Tilleuls",
    "Maison de santé pluriprofessionnelle",
];

const MODES: &[&str] = &[
    "Libéral",
    "Libéral",
    "liberal",
    "lib.",
    "Salarié",
    "salarie",
    "Mixte",
    "",
    "Bénévole",
    "LIBERAL",
];

/// Oui / Non as typed: the canonical words most of the time, then the usual variants.
const YES_NO: &[&str] = &[
    "Oui", "Non", "Oui", "Non", "Oui", "Non", "Oui", "Non", "Oui", "Non", "Oui", "Non", "oui",
    "non", "x", "O", "N", "OUI", "NON", "vrai",
];

/// The headers as a coordinator typed them (each recognised through the schema's synonyms).
const HEADERS: [&str; 17] = [
    "NOM",
    "Prénom ",
    "Métier",
    "Spécialité médicale",
    "N° RPPS",
    "Statut",
    "Lieu d'exercice",
    "Adresse professionnelle",
    "CP",
    "Ville",
    "Tél",
    "E-mail",
    "MSSanté",
    "Compte SPICO Dossier",
    "SPICO Discussions",
    "Date adhésion",
    "Opposition",
];

/// One cell to write.
#[derive(Clone)]
enum Value {
    Text(String),
    Number(f64),
    Date(f64),
}

fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' => Some('e'),
            'à' | 'â' => Some('a'),
            'î' | 'ï' => Some('i'),
            'ô' => Some('o'),
            'ç' => Some('c'),
            'û' | 'ü' => Some('u'),
            ' ' | '\'' => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

/// A text cell.
fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn row(rng: &mut Rng, i: u64) -> Vec<Value> {
    use Value::{Number, Text};
    let surname = rng.pick(SURNAMES);
    let given = rng.pick(GIVEN);
    let prof = rng.pick(PROFESSIONS);
    let (postal, commune) = *rng.pick(PLACES);

    // A third of the members carry two surnames, as many do: fewer accidental namesakes.
    let surname = if rng.chance(30.0) {
        format!("{surname}-{}", rng.pick(SURNAMES))
    } else {
        surname.to_string()
    };
    let nom = match rng.below(10) {
        0..=3 => surname.to_uppercase(),
        4 | 5 => format!("  {}", surname.to_lowercase()),
        _ => surname.clone(),
    };
    let prenom = if rng.chance(10.0) {
        given.to_lowercase()
    } else {
        given.to_string()
    };
    let mut profession = rng.pick(prof.spellings).to_string();
    if rng.chance(0.3) {
        profession = "psy".into(); // ambiguous: an error with candidates
    }
    let specialite = rng.pick(prof.specialities).to_string();

    // Orthophonistes and psychologues now mostly carry an RPPS too; the ADELI numbers left use
    // department 99, which exists for no one (an adeli.invalid error).
    let adeli = prof.adeli_code.filter(|_| rng.chance(20.0));
    let identifier = if adeli.is_none() && (prof.rpps || prof.adeli_code.is_some()) {
        let payload = format!("99{:08}", i % 100_000_000);
        let rpps = format!("{payload}{}", luhn_digit(&payload));
        match rng.below(10) {
            0..=3 => t(&rpps),
            4..=6 => Number(rpps.parse().unwrap_or(0.0)), // Excel: 9.9E+10
            7 => t(&format!("{} {} {}", &rpps[..3], &rpps[3..6], &rpps[6..])),
            8 => t(&format!("8{rpps}")), // IdNat
            _ => {
                if rng.chance(10.0) {
                    t(&format!("{}0", &rpps[..10])) // likely bad checksum
                } else {
                    t(&rpps)
                }
            }
        }
    } else if let Some(code) = adeli {
        let payload = format!("99{code}{:04}", i % 10_000);
        t(&format!("{payload}{}", luhn_digit(&payload)))
    } else {
        t("")
    };

    let mode = t(rng.word(MODES));
    let structure = t(rng.word(STRUCTURES));
    let adresse = t(&format!("{}  {} ", 1 + rng.below(120), rng.pick(STREETS)));
    let code_postal = match rng.below(5) {
        0 | 1 => Number(postal.parse().unwrap_or(0.0)), // 9100 for 09100
        2 => t(&format!("{} {}", &postal[..2], &postal[2..])),
        _ => t(postal),
    };
    let commune = if rng.chance(1.0) {
        t("Lyon") // mismatch
    } else {
        t(commune)
    };

    let block = if rng.chance(50.0) {
        "05 36 49"
    } else {
        "06 39 98"
    };
    let last = format!("{:02} {:02}", rng.below(100), rng.below(100));
    let national = format!("{block} {last}");
    let digits: String = national.chars().filter(char::is_ascii_digit).collect();
    let telephone = match rng.below(8) {
        0 => t(&national),
        1 => t(&digits),
        2 | 3 => Number(digits.parse().unwrap_or(0.0)), // 9 digits, 0 dropped
        4 => t(&format!("+33 {}", &national[1..])),
        5 => t(&national.replace(' ', ".")),
        6 => t(""),
        _ => t(&national.replace(' ', "-")),
    };

    let local = format!("{}.{}{}", fold(given), fold(&surname), i);
    let domain = *rng.pick(&["example.fr", "example.com", "example.org", "example.net"]);
    let email = if matches!(telephone, Text(ref s) if s.is_empty()) || rng.chance(70.0) {
        match rng.below(10) {
            0 => t(&format!("mailto:{local}@{domain}")),
            1 => t(&format!(" {}@{} ", local.to_uppercase(), domain)),
            2 if rng.chance(5.0) => t(&format!("{local}@gmial.com")),
            3 if rng.chance(20.0) => t(&format!("{local}@example.mssante.fr")),
            _ => t(&format!("{local}@{domain}")),
        }
    } else {
        t("")
    };
    let mssante = if prof.rpps && rng.chance(40.0) {
        t(&format!("{local}@medecin.mssante.fr"))
    } else {
        t("")
    };

    let yes_no = |rng: &mut Rng| {
        if rng.chance(2.0) {
            t("") // forgotten: value.required
        } else if rng.chance(5.0) {
            Number(rng.below(2) as f64)
        } else {
            t(rng.word(YES_NO))
        }
    };
    let spico_dossier = yes_no(rng);
    let spico_discussion = yes_no(rng);

    // 2016-01-01 .. 2025-09: Excel serials 42370 .. 45900.
    let serial = 42_370 + rng.below(3_530);
    let date = match rng.below(4) {
        0 | 1 => Value::Date(serial as f64),
        2 => Number(serial as f64), // serial without a date format
        _ => {
            // Text dd/mm/yyyy (approximate month arithmetic is enough for a benchmark).
            let days = serial - 42_370;
            let year = 2016 + days / 365;
            let day_of_year = days % 365;
            t(&format!(
                "{:02}/{:02}/{year}",
                1 + day_of_year % 28,
                1 + day_of_year / 31 % 12
            ))
        }
    };
    let opposition = if rng.chance(1.0) {
        t("Oui")
    } else {
        t(rng.word(&["", "", "", "Non", "non"]))
    };

    vec![
        t(&nom),
        t(&prenom),
        t(&profession),
        t(&specialite),
        identifier,
        mode,
        structure,
        adresse,
        code_postal,
        commune,
        telephone,
        email,
        mssante,
        spico_dossier,
        spico_discussion,
        date,
        opposition,
    ]
}

/// Index of the phone and SPICO Dossier columns in a row (see [`HEADERS`]).
const PHONE: usize = 10;
const SPICO_DOSSIER: usize = 13;

/// Last year's version of this year's rows: decided by its own generator, so that both files
/// share the main stream (the same members).
struct LastYear(Rng);

impl LastYear {
    /// The rows last year's file holds for this year's `values`: none (joined since), the row
    /// changed, or the row and a member who has left since.
    fn rows(&mut self, values: Vec<Value>, i: u64) -> Vec<Vec<Value>> {
        if values.is_empty() || self.0.chance(5.0) {
            return if values.is_empty() {
                vec![values]
            } else {
                Vec::new()
            };
        }
        let mut values = values;
        if self.0.chance(10.0) {
            if let Some(phone) = values.get_mut(PHONE) {
                *phone = Value::Number(536_490_000.0 + self.0.below(10_000) as f64);
            }
        }
        if self.0.chance(10.0) {
            if let Some(dossier) = values.get_mut(SPICO_DOSSIER) {
                *dossier = Value::Text("Non".into());
            }
        }
        let mut rows = vec![values];
        if self.0.chance(5.0) {
            // An RPPS of its own: the generator derives it from the row number (mod 10^8).
            rows.push(row(&mut self.0, i + 50_000_000));
        }
        rows
    }
}

fn write(rows: u64, path: &str, seed: u64, last_year: bool) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date: the same seed gives the same bytes.
    let created = ExcelDateTime::from_ymd(2026, 1, 15)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Feuil1")?;
    sheet.write_string_with_format(0, 0, "Annuaire des adhérents — CPTS Bench", &bold)?;
    sheet.write_string(1, 0, "Mise à jour annuelle")?;
    let header_row = 3u32;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &bold)?;
    }
    let mut rng = Rng(seed);
    let mut last = last_year.then_some(LastYear(Rng(seed ^ 0x2025)));
    let mut previous: Option<Vec<Value>> = None;
    let mut r = header_row;
    for i in 0..rows {
        let values = if rng.chance(0.5) {
            Vec::new() // blank row
        } else if rng.chance(0.2) {
            // The same member twice (copied from another sheet).
            previous.take().unwrap_or_else(|| row(&mut rng, i))
        } else {
            row(&mut rng, i)
        };
        let written = match last.as_mut() {
            Some(last) => last.rows(values.clone(), i),
            None => vec![values.clone()],
        };
        for values in &written {
            r += 1;
            for (c, v) in values.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(s) if s.is_empty() => {}
                    Value::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Value::Date(n) => {
                        sheet.write_number_with_format(r, c, *n, &date_format)?;
                    }
                }
            }
        }
        if !values.is_empty() {
            previous = Some(values);
        }
    }
    workbook.save(path)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(rows), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gen_bench ROWS OUT.xlsx [SEED] [--last-year]");
        std::process::exit(2);
    };
    let Ok(rows) = rows.parse::<u64>() else {
        eprintln!("gen_bench: ROWS must be a number, got {rows}");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2026);
    let last_year = args.iter().any(|a| a == "--last-year");
    if let Err(e) = write(rows, path, seed, last_year) {
        eprintln!("gen_bench: {e}");
        std::process::exit(1);
    }
}
