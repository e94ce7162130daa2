import type { LookalikeRecord, PiiRecord } from '../dataset.ts';
import { DIGITS, groupsOf, ibanCheckDigits, ibanMod97, luhnCheckDigit, luhnValid, UPPER, type Rng } from './rng.ts';

/**
 * Personal data in real formats. Card numbers are Luhn-valid, IBANs pass ISO 13616 mod-97 (the
 * national check digits inside the BBAN are not computed), SSNs respect the SSA structure (area
 * not 000, 666 or 9xx; group not 00; serial not 0000). Phone numbers use ranges reserved for
 * fiction where they exist (US 555-01xx, UK Ofcom drama ranges). Names and domains are invented.
 */

type Draft = Omit<PiiRecord, 'id'>;
type LookDraft = Omit<LookalikeRecord, 'id'>;

export function cardNumber(rng: Rng, prefix: string, length: number): string {
  const payload = prefix + rng.string(DIGITS, length - prefix.length - 1);
  return payload + String(luhnCheckDigit(payload));
}

function formatCard(digits: string, sep: string): string {
  if (sep === '') return digits;
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return groupsOf(digits, 4, sep);
}

/** Digit string of `length` that fails the Luhn check. */
export function luhnInvalid(rng: Rng, prefix: string, length: number): string {
  const valid = cardNumber(rng, prefix, length);
  const last = Number(valid.at(-1));
  const wrong = valid.slice(0, -1) + String((last + 1 + rng.int(8)) % 10);
  if (luhnValid(wrong)) throw new Error('unreachable');
  return wrong;
}

const IBAN_BBAN: Record<string, (rng: Rng) => string> = {
  DE: (r) => r.string(DIGITS, 18),
  FR: (r) => r.string(DIGITS, 23),
  GB: (r) => r.pick(['NWBK', 'BARC', 'HBUK', 'LOYD', 'MIDL']) + r.string(DIGITS, 14),
  ES: (r) => r.string(DIGITS, 20),
  IT: (r) => r.string(UPPER, 1) + r.string(DIGITS, 22),
  NL: (r) => r.pick(['ABNA', 'INGB', 'RABO', 'TRIO']) + r.string(DIGITS, 10),
  BE: (r) => r.string(DIGITS, 12),
  CH: (r) => r.string(DIGITS, 17),
  AT: (r) => r.string(DIGITS, 16),
  PL: (r) => r.string(DIGITS, 24),
  PT: (r) => r.string(DIGITS, 21),
  IE: (r) => r.pick(['AIBK', 'BOFI']) + r.string(DIGITS, 14),
};

export function iban(rng: Rng, country: string): string {
  const bban = IBAN_BBAN[country]!(rng);
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

function ssn(rng: Rng): [string, string, string] {
  let area: number;
  do area = rng.range(1, 899);
  while (area === 666);
  return [String(area).padStart(3, '0'), String(rng.range(1, 99)).padStart(2, '0'), String(rng.range(1, 9999)).padStart(4, '0')];
}

function publicIpv4(rng: Rng): string {
  const first = rng.pick([23, 31, 37, 46, 62, 77, 81, 85, 91, 93, 104, 138, 145, 151, 176, 185, 188, 212]);
  return [first, rng.range(0, 255), rng.range(0, 255), rng.range(1, 254)].join('.');
}

const hex4 = (rng: Rng): string => rng.range(0, 0xffff).toString(16);

export function makePii(rng: Rng): Draft[] {
  const out: Draft[] = [];
  const add = (kind: string, value: string, text: (v: string) => string): void => {
    out.push({ kind, value, text: text(value) });
  };

  // E-mail addresses
  add('email', 'maria.gonzalez84@gmail.com', (v) => `Contact me at ${v} if the parcel is late.`);
  add('email', 'j.smith@outlook.com', (v) => `Send the signed contract to ${v} by Friday.`);
  add('email', 'priya.sharma+invoices@protonmail.com', (v) => `From: Priya Sharma <${v}>\nSubject: March invoice`);
  add('email', 'THOMAS.MUELLER@WEB.DE', (v) => `Bitte schreib an ${v} wegen der Wohnung.`);
  add('email', 'lea_martin@orange.fr', (v) => `Mon adresse est ${v}, merci de me répondre.`);
  add('email', 'k.nakamura@tokyo-trading.co.jp', (v) => `name,email,plan\nKenji Nakamura,${v},pro`);
  add('email', 'ahmed.hassan@yahoo.co.uk', (v) => `{"customer": "Ahmed Hassan", "email": "${v}"}`);
  add('email', 'sofia.rossi@studenti.unimi.it', (v) => `Can you rewrite this: "please email ${v} for the notes"`);
  add('email', 'carlos.garcia@telefonica.es', (v) => `Escríbeme a ${v} cuando tengas el presupuesto.`);
  add('email', 'anna-lena.schmidt@posteo.de', (v) => `Reply-To: ${v}`);
  add('email', 'mike@mikesbikes.shop', (v) => `My shop email (${v}) keeps landing in spam. How do I set up SPF?`);
  add('email', 'jdoe2001@hotmail.com', (v) => `user_email=${v}&newsletter=1`);
  add('email', 'olga.ivanova@mail.ru', (v) => `The account ${v} was locked after 5 attempts.`);
  add('email', 'tom.oconnor@harbour-dental.ie', (v) => `Dr. O'Connor can be reached at ${v}.`);
  add('email', 'wei.zhang@research.uni-heidelberg.de', (v) => `Please cc ${v} on the grant application.`);

  // Phone numbers (US 555-01xx and UK drama ranges are fictional by design)
  add('phone-us', '(415) 555-0132', (v) => `Call me on ${v} after 6pm.`);
  add('phone-us', '415-555-0198', (v) => `Tel: ${v}`);
  add('phone-us', '415.555.0176', (v) => `Customer phone ${v} - please call back about the refund.`);
  add('phone-us', '+1 415 555 0143', (v) => `My cell is ${v}, text me when you arrive.`);
  add('phone-us', '+1 (212) 555-0187', (v) => `Office: ${v}`);
  add('phone-us', '1-800-555-0199', (v) => `The hotline ${v} never picks up.`);
  add('phone-us', '(646) 555-0110', (v) => `Emergency contact: Jane Miller, ${v}`);
  add('phone-us', '+1-312-555-0164', (v) => `phone_number: "${v}"`);
  add('phone-uk', '+44 20 7946 0958', (v) => `Ring the London office on ${v}.`);
  add('phone-uk', '020 7946 0321', (v) => `Our landline is ${v} if the mobile is off.`);
  add('phone-uk', '07700 900123', (v) => `Mobile: ${v}`);
  add('phone-uk', '+44 7700 900456', (v) => `WhatsApp me at ${v}.`);
  add('phone-uk', '0161 496 0789', (v) => `The Manchester branch number is ${v}.`);
  add('phone-uk', '+44 (0)20 7946 0018', (v) => `T: ${v}`);
  add('phone-intl', '+33 6 12 34 56 78', (v) => `Mon portable : ${v}`);
  add('phone-intl', '+49 30 901820', (v) => `Telefon: ${v}`);
  add('phone-intl', '+34 612 345 678', (v) => `Llámame al ${v} mañana.`);
  add('phone-intl', '+81 3-1234-5678', (v) => `Tokyo office phone ${v}`);
  add('phone-intl', '+61 2 9876 5432', (v) => `Sydney: ${v}`);
  add('phone-intl', '+4915123456789', (v) => `{"msisdn": "${v}"}`);
  add('phone-intl', '+919812345678', (v) => `OTP was sent to ${v} but never arrived.`);

  // US Social Security numbers
  const ssns = Array.from({ length: 8 }, () => ssn(rng));
  add('ssn', ssns[0]!.join('-'), (v) => `SSN: ${v}`);
  add('ssn', ssns[1]!.join('-'), (v) => `My social security number is ${v}, can you fill in the W-4 for me?`);
  add('ssn', ssns[2]!.join('-'), (v) => `Employee: R. Alvarez, DOB 1984, SSN ${v}, start date next Monday.`);
  add('ssn', ssns[3]!.join('-'), (v) => `ssn,first_name\n${v},Dana`);
  add('ssn', ssns[4]!.join('-'), (v) => `{"applicant": {"ssn": "${v}"}}`);
  add('ssn', ssns[5]!.join(' '), (v) => `Social Security No. ${v}`);
  add('ssn', ssns[6]!.join(''), (v) => `SSN: ${v} (no dashes, as the form requires)`);
  add('ssn', ssns[7]!.join('-'), (v) => `Is it safe to email my SSN (${v}) to my accountant?`);

  // Payment cards (Luhn-valid)
  const cards: Array<[string, string, number]> = [
    ['visa', '4', 16], ['visa', '4', 16], ['visa', '4', 16], ['visa', '4', 16],
    ['mastercard', String(rng.range(51, 55)), 16], ['mastercard', String(rng.range(51, 55)), 16],
    ['mastercard', String(rng.range(2221, 2720)), 16], ['mastercard', String(rng.range(2221, 2720)), 16],
    ['amex', '34', 15], ['amex', '37', 15], ['amex', '37', 15], ['amex', '34', 15],
    ['discover', '6011', 16], ['discover', '65', 16], ['discover', '6011', 16], ['discover', '65', 16],
  ];
  const cardContexts: Array<(v: string) => string> = [
    (v) => `Card number: ${v}, exp 09/27`,
    (v) => `Please charge ${v} for the deposit.`,
    (v) => `My card ${v} was declined twice, why?`,
    (v) => `{"pan": "${v}", "currency": "EUR"}`,
  ];
  cards.forEach(([brand, prefix, length], i) => {
    const sep = ['', ' ', '-', ' '][i % 4]!;
    add(`card-${brand}`, formatCard(cardNumber(rng, prefix, length), sep), cardContexts[(i + Math.floor(i / 4)) % 4]!);
  });

  // IBANs (mod-97 valid)
  const ibans: Array<[string, boolean, (v: string) => string]> = [
    ['DE', true, (v) => `Bitte überweise die Miete auf ${v}.`],
    ['DE', false, (v) => `IBAN: ${v}`],
    ['FR', true, (v) => `Mon RIB : ${v}, au nom de Léa Martin.`],
    ['GB', true, (v) => `Pay the invoice to ${v} (Acme Ltd).`],
    ['ES', false, (v) => `Transferencia a la cuenta ${v}, concepto: alquiler.`],
    ['IT', true, (v) => `Coordinate bancarie: ${v}`],
    ['NL', false, (v) => `Maak het bedrag over naar ${v}.`],
    ['BE', true, (v) => `Compte: ${v}`],
    ['CH', false, (v) => `Zahlbar an ${v}`],
    ['AT', true, (v) => `Kontoverbindung ${v}, BIC folgt.`],
    ['PL', false, (v) => `{"iban": "${v}", "name": "Jan Kowalski"}`],
    ['IE', true, (v) => `Salary account changed to ${v} from next month.`],
  ];
  for (const [country, spaced, context] of ibans) {
    const value = iban(rng, country);
    if (ibanMod97(value) !== 1) throw new Error(`bad IBAN ${value}`);
    add(`iban-${country.toLowerCase()}`, spaced ? groupsOf(value, 4) : value, context);
  }

  // IP addresses
  const ipContexts: Array<(v: string) => string> = [
    (v) => `Failed login for user admin from ${v} at 03:12.`,
    (v) => `${v} - - [10/Oct/2023:13:55:36 +0000] "GET /login HTTP/1.1" 200 2326`,
    (v) => `X-Forwarded-For: ${v}`,
    (v) => `My home IP is ${v}, can you whitelist it?`,
    (v) => `ssh -p 2222 ${v}`,
    (v) => `client_ip=${v} status=403`,
    (v) => `Ban ${v} in the firewall, it keeps scanning us.`,
    (v) => `{"ip": "${v}", "country": "DE"}`,
  ];
  for (const context of ipContexts) add('ipv4', publicIpv4(rng), context);
  add('ipv6', `2a02:8108:${hex4(rng)}:${hex4(rng)}:${hex4(rng)}:${hex4(rng)}:${hex4(rng)}:${hex4(rng)}`, (v) => `Connection from ${v} was rejected.`);
  add('ipv6', `2a01:4f8:${hex4(rng)}:${hex4(rng)}::${hex4(rng)}`, (v) => `The customer's router has the address ${v}.`);
  add('ipv6', `2600:1700:${hex4(rng)}:${hex4(rng)}::${hex4(rng)}`, (v) => `remote_addr=${v} path=/api/login`);
  add('ipv6', `2001:0db8:85a3:0000:0000:8a2e:0370:${rng.string('0123456789abcdef', 4)}`, (v) => `Whitelist ${v} for the VPN.`);
  add('ipv6', `2A02:C7F:${hex4(rng).toUpperCase()}:${hex4(rng).toUpperCase()}::${hex4(rng).toUpperCase()}`, (v) => `IPv6: ${v}`);

  return out;
}

export function makePiiLookalikes(rng: Rng): LookDraft[] {
  const out: LookDraft[] = [];
  const add = (kind: string, text: string, note?: string): void => {
    out.push(note === undefined ? { kind, text } : { kind, text, note });
  };

  // 16-digit numbers that fail Luhn, in contexts that are not about cards.
  add('luhn-invalid', `Order reference ${luhnInvalid(rng, '4', 16)} - where is my parcel?`, 'fails Luhn');
  add('luhn-invalid', `Meter ID: ${groupsOf(luhnInvalid(rng, '5', 16), 4)}`, 'fails Luhn');
  add('luhn-invalid', `Policy number ${groupsOf(luhnInvalid(rng, '6011', 16), 4, '-')}`, 'fails Luhn');
  add('luhn-invalid', `Batch code ${luhnInvalid(rng, '3', 16)}`, 'fails Luhn');
  add('luhn-invalid', `Booking ref ${groupsOf(luhnInvalid(rng, '4', 16), 4)} for two nights.`, 'fails Luhn');
  add('luhn-invalid', `Transaction ${luhnInvalid(rng, '2', 16)} is pending.`, 'fails Luhn');
  // Orders, invoices, references.
  add('order-number', 'Order #100234567 has not shipped yet.');
  {
    const n = luhnInvalid(rng, '11', 17);
    add('order-number', `Amazon order ${n.slice(0, 3)}-${n.slice(3, 10)}-${n.slice(10)} arrived damaged.`, '17 digits, fails Luhn');
  }
  add('order-number', 'Invoice INV-2024-000123 is overdue.');
  add('order-number', 'PO 4500012345 was approved by procurement.', '10 digits, purchase order not phone');
  add('order-number', 'Ticket #48213: printer on floor 3 is jammed.');
  // Versions (no dotted quad whose parts are all <= 255: those are indistinguishable from IPv4).
  add('version', 'Upgrade from 1.2.3 to 1.4.0 broke the build.');
  add('version', 'node v20.11.1 and npm 10.2.4');
  add('version', 'Python 3.12.1 on macOS 14.2');
  add('version', 'Chrome 120.0.6099.109 crashes on this page.', 'four parts but 6099 > 255');
  add('version', 'Windows 10.0.19045.3803', 'four parts but 19045 > 255');
  add('version', 'Try the release candidate 2.14.0-rc.1');
  add('version', '"lodash": "^4.17.21"');
  // Dates and times.
  add('date', 'The deadline is 2024-03-15.');
  add('date', 'Delivery date: 15/03/2024.');
  add('date', 'Due 03-15-2024');
  add('date', 'Termin am 15.03.2024 um 14:30 Uhr.');
  add('date', '"created_at": "2024-03-15T14:30:00Z"');
  add('time', 'Opening hours 09:15-17:45, Monday to Friday.');
  add('time', 'The job ran at 14:30:00 and took 12:05 minutes.');
  add('timestamp', 'created_at: 1710513000', '10-digit Unix timestamp');
  // ISBNs, barcodes, tracking numbers.
  add('isbn', 'ISBN 978-0-306-40615-7');
  add('isbn', 'ISBN-10: 0-306-40615-2');
  add('isbn', 'The book has ISBN 9781492052203, second edition.');
  add('ean', 'EAN 4006381333931 on the box.');
  add('tracking', 'UPS tracking 1Z999AA10123456784');
  add('tracking', 'FedEx tracking number 7489 2345 6789', '12 digits in groups of 4');
  add('tracking', 'USPS: 9400 1000 0000 0000 0000 00');
  add('tracking', 'DHL shipment JD014600006281230011');
  // IBAN-shaped strings with a wrong checksum.
  for (const country of ['DE', 'FR', 'GB', 'ES', 'NL', 'IT']) {
    const good = iban(rng, country);
    const wrongCheck = String(((Number(good.slice(2, 4)) + 1 + rng.int(90)) % 97) + 2).padStart(2, '0');
    const bad = good.slice(0, 2) + wrongCheck + good.slice(4);
    if (ibanMod97(bad) === 1) throw new Error('unreachable');
    add('iban-bad-checksum', `Use this invalid IBAN in the validator unit test: ${country === 'FR' || country === 'IT' ? groupsOf(bad, 4) : bad}`, 'fails mod-97');
  }
  // Arithmetic and measurements.
  add('arithmetic', '12 * 34 = 408, right?');
  add('arithmetic', '2^32 = 4294967296', '10-digit result');
  add('arithmetic', '(1024 + 2048) * 3 = 9216');
  add('arithmetic', 'What is 1234 + 5678 + 9012?');
  add('arithmetic', '3.14159 * 2.71828 is about 8.5397');
  add('number', 'The file is 1234567890 bytes long.', '10-digit count');
  add('number', 'Population: 8,336,817 (2022 estimate).');
  add('number', 'Ship to ZIP 94103.', 'a ZIP code alone');
  add('number', 'The server listens on port 8080.');
  add('number', 'Coordinates 37.7749, -122.4194');
  add('number', 'Revenue was $1,234,567.89 last quarter.');
  add('number', 'Learning rate 1.5e-10 is too small.');
  add('number', 'Serial number SN 4815162342', '10-digit serial');
  add('number', 'Room 101-202, building C');
  add('number', 'build 20240315.1');
  // SSN-shaped strings that are not valid SSNs.
  add('ssn-invalid', 'Part number 000-12-3456', 'area 000 is never issued');
  add('ssn-invalid', 'Form code 666-45-1234', 'area 666 is never issued');
  add('ssn-invalid', 'Case 123-00-4567', 'group 00 is never issued');
  // E-mail-ish strings.
  add('email-like', 'Use logo@2x.png for retina screens.');
  add('email-like', 'npm i lodash@4.17.21');
  add('email-like', 'npm i -D @types/node@20.11.5');
  add('email-like', 'Follow us @bulwark_sec for updates.');
  add('email-like', 'Annotate the class with @Injectable() in Angular.');
  // IP-ish strings.
  add('ip-like', 'The octet 999.10.10.10 is invalid, why does my parser accept it?', 'octet > 255');
  add('ip-like', 'std::vector<int> v; std::sort(v.begin(), v.end());', 'C++ scope operator');
  add('ip-like', 'use std::collections::HashMap;');
  add('ip-like', 'Aspect ratio 16:9, timecode 01:02:03:04');
  add('ip-like', 'John 3:16 and Psalm 23:1');
  return out;
}
