// The members the tests put in their files: synthetic people, synthetic identifiers (valid
// RPPS examples 10000000009 and 10999999997), never real ones.

export const HEADERS = [
  'Nom', 'Prénom', 'Profession', 'Spécialité', 'RPPS / ADELI', "Mode d'exercice",
  "Structure d'exercice", 'Adresse', 'Code postal', 'Commune', 'Téléphone', 'Email',
  'Messagerie sécurisée (MSSanté)', 'Utilise SPICO Dossier', 'Utilise SPICO Discussion',
  "Date d'adhésion", 'Opposition à la transmission',
];

/** A member row in HEADERS order; `over` replaces fields by header. */
export function member(over = {}) {
  const base = {
    Nom: 'MARTIN', 'Prénom': 'Claire', Profession: 'Infirmier', 'Spécialité': '',
    'RPPS / ADELI': '10000000009', "Mode d'exercice": 'Libéral',
    "Structure d'exercice": 'Cabinet des Carmes', Adresse: '3 place des Carmes',
    'Code postal': '31000', Commune: 'Toulouse', 'Téléphone': '05 61 12 34 56',
    Email: 'claire.martin@cabinet-carmes.fr', 'Messagerie sécurisée (MSSanté)': '',
    'Utilise SPICO Dossier': 'Oui', 'Utilise SPICO Discussion': 'Non',
    "Date d'adhésion": '15/03/2022', 'Opposition à la transmission': 'Non',
  };
  const row = { ...base, ...over };
  return HEADERS.map((h) => row[h]);
}

export const SECOND = {
  Nom: 'BERNARD', 'Prénom': 'Louis', Profession: 'Médecin', 'Spécialité': 'Médecine générale',
  'RPPS / ADELI': '10999999997', "Structure d'exercice": 'MSP du Capitole', 'Code postal': '31000',
  Commune: 'Toulouse', 'Téléphone': '05 61 98 76 54', Email: 'louis.bernard@msp-capitole.fr',
};

export const XSS = '<img src=x onerror=window.__pwned=1>';

/** A synthetic NIR (month 12, department 31, order 555 555, valid key), spaced as on a Carte
 * Vitale. */
export const NIR = '2 99 12 31 555 555 91';
