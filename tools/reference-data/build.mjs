// Regenerates the reference data the crate embeds, from published sources only:
//
//   data/communes.txt    <- @etalab/decoupage-administratif (INSEE COG + La Poste, Licence Ouverte)
//   data/professions.tsv <- data/ans/*.json (extracts of the ANS nomenclatures TRE_G15, TRE_R95,
//                           TRE_R94) + the CPTS non-health member categories (SPEC §3)
//
// Usage, from this folder:  npm ci && node build.mjs
// The output is deterministic (sorted, no timestamps): running it twice changes nothing.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const data = join(here, '..', '..', 'data')
const require = createRequire(import.meta.url)

buildCommunes()
buildProfessions()

// A first line `# @etalab/decoupage-administratif 6.0.0` names the source, then one line per
// postal code, sorted: `31000:Toulouse`, names separated by `|`. A name prefixed
// with `~` is another official name found at that code (arrondissement municipal, commune
// déléguée or associée): accepted as typed, never suggested first.
function buildCommunes () {
  const pkg = require('@etalab/decoupage-administratif/package.json')
  const communes = require('@etalab/decoupage-administratif/data/communes.json')
  const byCode = new Map() // INSEE code -> commune actuelle
  for (const c of communes) if (c.type === 'commune-actuelle') byCode.set(c.code, c)

  const primary = new Map() // postal code -> Set(name)
  const other = new Map()
  const add = (map, cp, name) => {
    if (!/^\d{5}$/.test(cp)) throw new Error(`bad postal code ${cp} for ${name}`)
    if (/[|:~\n]/.test(name)) throw new Error(`separator in name ${name}`)
    if (!map.has(cp)) map.set(cp, new Set())
    map.get(cp).add(name)
  }
  for (const c of communes) {
    if (c.type === 'commune-actuelle') {
      for (const cp of c.codesPostaux ?? []) add(primary, cp, c.nom)
    } else if (c.type === 'arrondissement-municipal') {
      for (const cp of c.codesPostaux ?? []) add(other, cp, c.nom)
    } else {
      // Communes déléguées and associées carry no postal code of their own: they are reached
      // through the codes of the commune they belong to (its chef-lieu).
      const parent = byCode.get(c.chefLieu)
      for (const cp of parent?.codesPostaux ?? []) add(other, cp, c.nom)
    }
  }
  const collator = new Intl.Collator('fr')
  const codes = [...new Set([...primary.keys(), ...other.keys()])].sort()
  const lines = codes.map(cp => {
    const first = [...(primary.get(cp) ?? [])].sort(collator.compare)
    const more = [...(other.get(cp) ?? [])]
      .filter(n => !first.includes(n))
      .sort(collator.compare)
      .map(n => '~' + n)
    return `${cp}:${[...first, ...more].join('|')}`
  })
  const header = `# ${pkg.name} ${pkg.version}`
  writeFileSync(join(data, 'communes.txt'), [header, ...lines].join('\n') + '\n')
  console.log(`communes.txt: ${codes.length} postal codes, from ${pkg.name} ${pkg.version}`)
  console.log('then, from the repository root: cargo run --release --example pack_communes')
}

// Tab-separated, one canonical label a line, in drop-down order:
// label, nomenclature, codes (`38,39`), status, needs an identifier (1/0), ANS display.
function buildProfessions () {
  const rows = []
  const seen = new Map()
  const push = (label, nomenclature, code, status, display) => {
    const row = seen.get(label)
    if (row) { row.codes.push(code); row.display += ' / ' + display; return }
    const r = { label, nomenclature, codes: [code], status, display }
    seen.set(label, r)
    rows.push(r)
  }
  for (const file of ['TRE_G15-ProfessionSante', 'TRE_R95-UsagerTitre', 'TRE_R94-ProfessionSocial']) {
    const tre = JSON.parse(readFileSync(join(data, 'ans', `${file}.json`), 'utf8'))
    const nomenclature = file.slice(0, 7)
    for (const c of tre.concept) {
      // Codes of three digits (171, 193…) are TRE_R95's retired numbering; 93 in TRE_G15 is
      // a technical duplicate of TRE_R95's 93 that the ANS created deprecated.
      if (c.code.length !== 2) continue
      if (nomenclature === 'TRE_G15' && c.code === '93') continue
      if (nomenclature === 'TRE_R95' && c.status !== 'active') continue
      push(outputLabel(c.code, c.display), nomenclature, c.code, c.status, c.display)
    }
  }
  const collator = new Intl.Collator('fr')
  rows.sort((a, b) => collator.compare(a.label, b.label))
  // The non-health members a CPTS admits (SPEC §3): no nomenclature code, no identifier.
  for (const label of ['Coordinateur', 'Secrétaire', 'Médiateur en santé', 'Structure', 'Autre']) {
    rows.push({ label, nomenclature: 'CPTS', codes: ['-'], status: 'active', display: label })
  }
  const lines = rows.map(r => {
    const health = r.nomenclature === 'TRE_G15' || r.nomenclature === 'TRE_R95'
    const needsId = health && r.status === 'active' ? '1' : '0'
    return [r.label, r.nomenclature, r.codes.join(','), r.status, needsId, r.display].join('\t')
  })
  const header = '# label\tnomenclature\tcodes\tstatus\tneeds_identifier\tans_display'
  writeFileSync(join(data, 'professions.tsv'), [header, ...lines].join('\n') + '\n')
  console.log(`professions.tsv: ${rows.length} labels`)
}

// The ANS displays capitalise after a hyphen (Masseur-Kinésithérapeute); the Code de la santé
// publique and SPEC §3 write the profession in ordinary French (Masseur-kinésithérapeute).
// The two préparateur codes share one label, as SPEC §3 lists them.
function outputLabel (code, display) {
  if (code === '38' || code === '39') return 'Préparateur en pharmacie'
  let label = display.replace(/-(\p{Lu})/gu, (_, c) => '-' + c.toLowerCase())
  if (label === 'Epithésiste') label = 'Épithésiste'
  return label
}
