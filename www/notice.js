// The notice a CPTS sends its members before it gives their data to the ARS (the ARS guide asks
// for it): who collects, why, for how long, their rights and where to exercise them, with the
// CPTS's name from « Nom de la CPTS ». What SPEC §1 does not say is left for the CPTS to fill
// in, between brackets. The coordinator may edit the text; copy and download take it as shown.
import { save } from './save.js';

const $ = (id) => document.getElementById(id);
const ui = {
  cpts: $('cpts'), text: $('notice-text'), copy: $('notice-copy'), download: $('notice-download'),
  status: $('notice-status'),
};

/** The blank the CPTS fills in, marked so that it cannot be missed. */
const blank = (what) => `[À COMPLÉTER : ${what}]`;
export const FILE_NAME = 'Information_des_adherents.txt';

/** The notice for the CPTS named `cpts` (a blank when empty). */
export function noticeText(cpts) {
  const name = cpts.trim() || blank('nom de la CPTS');
  return `Objet : transmission de l'annuaire des adhérents de la ${name} à l'ARS Occitanie

Madame, Monsieur,

Comme chaque année, la ${name} transmet l'annuaire de ses adhérents à l'Agence régionale de santé (ARS) Occitanie. Voici ce que deviennent les informations qui vous concernent.

Qui collecte ces données ?
L'ARS Occitanie. La ${name} lui transmet l'annuaire de ses adhérents, une fois par an, sur un espace de dépôt protégé par un mot de passe.

Pourquoi ?
- Tenir l'annuaire annuel des adhérents des CPTS d'Occitanie.
- Suivre l'usage des outils régionaux d'e-santé SPICO Dossier et SPICO Discussion. Le GRADeS Occitanie en calcule, après anonymisation, des indicateurs pour la Direction générale de l'offre de soins (DGOS).
Base légale : mission d'intérêt public (article 6-1-e du règlement général sur la protection des données, RGPD).

Quelles données ?
Nom, prénom, profession, spécialité, numéro RPPS ou ADELI, mode et structure d'exercice, adresse professionnelle, code postal, commune, téléphone, adresse électronique, messagerie sécurisée de santé (MSSanté), utilisation de SPICO Dossier et de SPICO Discussion, date d'adhésion.

Combien de temps ?
L'annuaire est conservé un an : chaque nouvelle version remplace la précédente.

Vos droits
Vous pouvez accéder aux données qui vous concernent, les faire rectifier, en demander la limitation et vous opposer à leur transmission. Ces droits s'exercent auprès de la ${name} : ${blank('adresse électronique ou postale de la CPTS')}.
Si vous vous opposez à la transmission, aucune donnée vous concernant ne figurera dans le fichier envoyé à l'ARS. Pour que votre choix s'applique à l'annuaire de cette année, faites-le connaître avant le ${blank('date')}.
Vous pouvez aussi adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL).

${blank('nom et fonction de la personne qui signe')}
${name}
`;
}

// The text follows the CPTS's name until the coordinator edits it herself.
let edited = false;
const refresh = () => {
  if (!edited) ui.text.value = noticeText(ui.cpts.value);
};
ui.cpts.addEventListener('input', refresh);
ui.text.addEventListener('input', () => { edited = true; });
refresh();

ui.copy.addEventListener('click', async () => {
  try {
    // Outside a secure context (a page served over plain http) the clipboard API is missing.
    if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(ui.text.value);
    else {
      ui.text.select();
      if (!document.execCommand('copy')) throw new Error('copy refused');
    }
    ui.status.textContent = 'Notice copiée : collez-la dans votre message aux adhérents.';
  } catch {
    ui.text.select();
    ui.status.textContent = 'La copie automatique est impossible ici : le texte est sélectionné, copiez-le avec Ctrl+C.';
  }
});

ui.download.addEventListener('click', () => {
  // Windows line ends: the file opens as written in the Notepad of any office PC.
  save(new Blob([ui.text.value.replace(/\r?\n/g, '\r\n')], { type: 'text/plain;charset=utf-8' }), FILE_NAME);
  ui.status.textContent = `Notice téléchargée (${FILE_NAME}).`;
});
