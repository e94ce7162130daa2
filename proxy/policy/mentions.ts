/**
 * Quoting an attack is not making one: "write a regex that flags 'ignore previous
 * instructions'", "what does <|im_start|> mean in ChatML?". `quotedOut` blanks what a text
 * quotes (short quoted strings, inline code, chat-template tokens asked about), keeping every offset,
 * `mentionedOut` also what it says others attempt ("users who try to ..."), and
 * `asksAbout` finds the words of a question about text rather than an order to a model. Pure.
 */
import { normalise } from './normalise.ts';

/**
 * Chat-template tokens, and quoted or inline-code spans of a phrase's length. A longer quote is content the model is asked
 * to process (a review, a CSV field, a document), where an embedded attack still counts. A single quote after a letter is an
 * apostrophe ("a candidate's cover letter … the line 'Ignore all …'"), not the start of a quote. Quotes as each language
 * writes them: ”…” (Swedish, Finnish), »…« (German, Danish), „…“ and ‚…‘, 《…》.
 */
const QUOTED = /<\|[a-z_]{2,20}\|>|\[\/?INST\]|<<\/?SYS>>|<\/?s>|`[^`\n]{1,60}`|"[^"\n]{1,60}"|(?<![A-Za-z0-9\u00C0-\u024F])'[^'\n]{2,60}'(?![a-z])|[“”][^“”\n]{1,60}”|‘[^’\n]{1,60}’|«[^»\n]{1,60}»|»[^«»\n]{1,60}«|„[^“”\n]{1,60}[“”]|‚[^‘’\n]{1,60}[‘’]|「[^」\n]{1,60}」|『[^』\n]{1,60}』|《[^》\n]{1,60}》/g;

/**
 * What someone else tries, after a verb of keeping it out in the same sentence: "protect our
 * chatbot against users who try to extract the hidden instructions", "stop people from getting our
 * bot to reveal its system prompt", "beschermen tegen gebruikers die proberen de verborgen
 * instructies te achterhalen". Group 1 is the sentence up to the clause, group 2 the clause, which
 * runs to the end of the sentence. Without the verb before it, "people who try to …" is no mention.
 */
const KEEPING_OUT = '\\b(?:protect|prevent|stop|detect|block|defend|guard|secure|harden|shield|beschermen|beveiligen|schutzen|schuetzen|verhindern|voorkomen|proteger|proteggere|impedir|empecher|evitar|eviter|evitare|bloquer|bloquear|bloccare)\\w*';
const ATTEMPTED = new RegExp(
  `(${KEEPING_OUT}[^.?!\\n]{0,80}?)((?:${[
    "\\b(?:users?|people|customers?|attackers?|someone|somebody|anyone|hackers?|patients?|candidates?|clients?|visitors?|bad actors?)(?: who| that)? (?:tries|try|trying|attempts?|attempting) to\\b",
    '\\b(?:from|against) (?:getting|tricking|making|convincing|manipulating|persuading) (?:the |our |my |a |your |their )?(?:[\\w-]+ ){0,2}?(?:bot|chatbot|assistant|model|ai|agent|llm)s?\\b',
    "\\b(?:(?:gebruikers|mensen|klanten|benutzer|nutzer|kunden|utilisateurs|clients|personnes|usuarios|clientes|personas|utenti|clienti|persone) (?:die (?:proberen|probeert|versuchen|versucht)|qui (?:essaient|essaie|tentent|tente|cherchent|cherche) (?:de|d')|que (?:intentan|intenta|tratan de|trata de|tentam|tenta)|che (?:cercano|cerca|provano|prova|tentano|tenta) di))\\b",
  ].join('|')})[^.?!\\n]{0,160})`,
  'gi',
);

const blank = (m: string) => ' '.repeat(m.length);

/** The text with every quoted span replaced by spaces of the same length. */
export function quotedOut(text: string): string {
  return text.replace(QUOTED, blank);
}

/** The text with what it quotes and what it says others attempt blanked, keeping every offset. */
export function mentionedOut(text: string): string {
  return quotedOut(text).replace(ATTEMPTED, (_, before: string, clause: string) => before + blank(clause));
}

/** Words that make a quoted phrase the subject of the request, in the languages the rules read. */
const ASKS_ABOUT_WORDS = [
  // What is done to the phrase.
  'regex\\w*', 'regular expressions?', 'detect\\w*', 'flag\\w*', 'filter\\w*', 'classif\\w*', 'test cases?', 'dataset', 'fine-?tun\\w*', 'saniti[sz]\\w*', 'tokeni[sz]er',
  'denylist', 'blocklist', 'format', 'formacie', 'formatiert', 'templates?', 'szablon\\w*', 'sablon\\w*', 'sjabloon\\w*', 'chattemplates?', 'chatvorlage', 'plantilla de chat', 'special tokens?', 'strip(?:ped|ping)? (?:such|these|those|them|it|out)', 'escap(?:e|ing) (?:such|these|those|them|it)', 'quoted example',
  'satir\\w*', 'parod\\w*', 'dialog\\w*', 'villain\\w*', 'npcs?', 'bosewicht\\w*', 'villano', 'mechant', 'cattivo', '(?:says|said|tells|told|shouts|yells) (?:to )?(?:his|her|their|the) [\\w-]+', 'cit(?:e|ed|ing|ar|er|o)', 'zitier\\w*', '(?:harmless|simple|classic|typical|famous|well-known) example', 'examples? (?:like|such as)',
  // How to keep it out.
  'how (?:do|can|should|could|would) (?:i|we|you) (?:prevent|stop|block|detect|defend against|protect (?:against|from)|guard against)', 'como (?:evitar|prevenir|impedir|detectar|bloquear)', 'comment (?:empecher|eviter|prevenir|detecter|bloquer)', 'wie (?:verhindern|verhindere|erkennen|blockieren) (?:wir|ich|man)', 'come (?:evitare|prevenire|impedire|rilevare|bloccare)', 'hoe (?:voorkomen|voorkom|herkennen|blokkeren) (?:we|ik)', 'jak (?:zapobiec|zablokowac|wykryc)', 'bagaimana (?:cara )?(?:mencegah|menghalang|mengesan|mendeteksi)', 'nasil (?:engel\\w*|onle\\w*|tespit)',
  // What it means, in translation.
  'phrases?', 'frases?', 'satz', 'zin', 'fras', 'translat\\w*', 'mean(?:s|ing)?', 'tradu\\w*', 'signifi\\w*', 'quiere decir', 'veut dire', 'bedeut\\w*', '(?:ü|ue?)bersetz\\w*',
  'vertaal\\w*', 'betekent', 'przetlumacz\\w*', 'oznacza', 'cevir\\w*', 'anlam\\w*',
  'overs[aæe]tt?\\w*', 'betyder', 'betyr', 'merkitsee', 'prelo[zž]\\w*', 'preved\\w*', 'terjemah\\w*', 'isalin', 'tafsiri', 'ford[ií]t\\w*', 'jelent\\w*', 'd[iị]ch', 'terc[uü]me\\w*',
  // Someone else wrote it, and the question is what to make of it.
  '(?:is|was) (?:this|that|it) (?:dangerous|safe|harmful|malicious|an attack|a threat|phishing|legit\\w*|an? (?:attempt|scam|trick|injection))', '(?:adakah|apakah) (?:ini|itu)', 'est-ce (?:une|un) (?:tentative|arnaque|attaque|piege)', 'es (?:esto|esta|eso) (?:un|una) (?:intento|estafa|ataque|trampa)', 'e (?:isso|isto) (?:um|uma) (?:tentativa|golpe|ataque)', '(?:ist|war) (?:das|dies) (?:ein|eine) (?:angriff|versuch|betrug\\w*|trick)', '(?:e|era) (?:questo|questa) (?:un|una) (?:tentativo|truffa|attacco)', 'is dit (?:een )?(?:poging|aanval|oplichting)', 'bu bir (?:saldiri|dolandiricilik|hile)',
  'what (?:(?:was|is|were) (?:the user|the sender|they|he|she|someone)|(?:the user|the sender|they|he|she|someone) (?:was|is|were)) (?:attempting|trying)',
  '(?:said|wrote|posted|typed) in (?:the )?(?:chat|forum|a ticket|discord)', 'based on (?:that|this) (?:[\\w-]+ )?(?:line|message|post|comment|sentence|text)',
  '(?:what|how) should (?:[\\w-]+ ){0,3}?(?:respond|reply|react|handle|say|answer)', 'recogni[sz]\\w*', '(?:commands?|phrases?|messages?|requests?|prompts?|inputs?|instructions?|attempts?) (?:like|such as)', '(?:is|was) (?:that|this|it) (?:a )?real (?:risk|threat|concern|danger)', 'do to (?:prevent|stop|block|detect|defend against|protect against) (?:it|this|that|them)', '(?:mentioned|pasted|pasting) (?:[\\w-]+ ){0,3}?(?:into|in) the (?:chat|widget|form|prompt|field)',
  'when (?:someone|somebody|a user|a customer|users|customers|people) (?:types?|writes?|says?|sends?|pastes?)', 'red[- ]team(?:ing|er|ers)? (?:finding|report|exercise|test|result)s?',
  '(?:protect|protecting|shield|shielding|harden|hardening|secure|securing|defend|defending)\\w* (?:[\\w-]+ ){0,3}?(?:against|from)', '(?:stop|keep|prevent)\\w* (?:people|users|customers|attackers|anyone|someone|patients|candidates) from', 'beschermen tegen', 'schutzen vor', 'proteger (?:[\\w-]+ ){0,3}?(?:contra|contre)', 'proteggere (?:[\\w-]+ ){0,3}?da',
  '(?:how|who|where) (?:do|should|can) (?:i|we) report (?:this|it|that|such)', 'should (?:i|we) report (?:this|it|that)', 'hur (?:ska|bor|kan) (?:vi|jag) (?:logga och )?rapportera', 'nasil bildir\\w*', 'wie (?:melde|melden) (?:ich|wir)', 'comment (?:le |la |les )?signaler', 'como (?:lo )?(?:reporto|reportar|denuncio|denunciar)', 'come (?:lo )?segnal\\w*', 'jak (?:to )?zglosic', 'miten (?:ilmoitan|ilmoitamme)',
  'come dovrebbe (?:rispondere|reagire|gestir\\w*)', 'como deber[ií]a (?:responder|reaccionar)', 'wie soll(?:te)?n? (?:wir|man|der bot) (?:reagieren|antworten)', '(?:being|was|were|gets?|got|keeps?(?: being)?) asked to',
];
/** The same in scripts whose letters `\b` does not see as word characters. */
const ASKS_ABOUT_SCRIPTS = [
  '[訳意翻]', '意味', 'という(?:文|フレーズ|言葉|表現|指示)', '这句话', '这样的(?:话|句子)', '之类的(?:话|句子|内容|指令)', '防止', '防ぐ', '방지', '막(?:으려면|는 방법)', 'предотвратить', 'запобіг', '번역', '의미', '뜻', '라는 (?:문장|말|표현)',
  '台词', '台詞', 'セリフ', '대사', '反派', '악당', '悪役', 'злодей', 'реплик', 'переклад', 'перевед', 'перевод', 'що означає', 'что означает', 'معنى', 'ترجم', 'मतलब', 'अर्थ', 'अनुवाद', 'משמעות', 'פירוש', 'תרג[םמ]', 'σημαίνει', 'μετάφρασ',
  'översätt', 'käännä', 'превед', 'превод', 'অনুবাদ', 'மொழிபெயர்', 'แปล', 'ትርጉም',
  'шаблон', '(?:команд|фраз|сообщени|запрос|инструкци)[а-я]* (?:вроде|типа|наподобие)', '(?:команд|фраз|повідомлен|запит|інструкці)[а-яіїє]* (?:на кшталт|типу)', '라고 (?:해도|하면|말해도|말하면|입력해도|입력하면|쓰면|보내면)', 'と(?:言われても|入力されても|言っても|書かれても|送られても)',
];
/** The words are matched on the text with its accents stripped ("übersetze", "przetłumacz"), where `\\b` sees them whole. */
const ASKS_ABOUT = new RegExp(`\\b(?:${ASKS_ABOUT_WORDS.join('|')})\\b`, 'i');
const ASKS_ABOUT_IN_SCRIPTS = new RegExp(ASKS_ABOUT_SCRIPTS.join('|'), 'i');

/** Words that turn a quoted phrase back into an order: "execute that sentence", "stay in that mode". */
const ACTS_ON = /\b(?:execute|carry (?:it|that|this|them) out|act on|obey|do (?:it|that|what)|follow (?:it|that|them|these)|stay in|from now on)\b/i;

/** Whether the text (with its quotes blanked) asks about what it quotes, and does not order it done. */
export function asksAbout(text: string): boolean {
  return (ASKS_ABOUT.test(normalise(text).text) || ASKS_ABOUT_IN_SCRIPTS.test(text)) && !ACTS_ON.test(text);
}
