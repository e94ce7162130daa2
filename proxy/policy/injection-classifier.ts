import type { Span } from './detectors.ts';
import { INJECTION_MODEL } from './injection-model.ts';

/**
 * A learned second opinion for the cue scorer (injection-signals.ts): logistic regression over
 * hashed word, word-pair and character 3–5-gram features of the normalised prompt view, trained
 * on the labelled sets. The scorer reads words someone listed; this reads the shape of the
 * attacks in the sets, so it knows phrasings nobody listed. It does not block on its own: alone
 * it flags operators' system prompts ("You are a helpful assistant that ...") and terse style
 * requests, which share that shape. It only confirms a passage whose cues weigh two thirds of
 * what blocks. `npm run train:injection -- --loso` measures it on each blind set with a model
 * that never saw that set.
 *
 * The weights are `injection-model.ts`, written by `test/eval/train-classifier.ts`.
 */

/** Features are hashed into 2^FEATURE_BITS signed buckets. */
export const FEATURE_BITS = 16;
const MASK = (1 << FEATURE_BITS) - 1;
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const step = (hash: number, unit: number) => Math.imul(hash ^ unit, FNV_PRIME);

/** FNV-1a over `text[from, to)`, continuing from `seed` (a tag that keeps feature kinds apart). */
function hashOf(seed: number, text: string, from: number, to: number): number {
  let hash = seed;
  for (let i = from; i < to; i += 1) hash = step(hash, text.charCodeAt(i));
  return hash;
}

const WORD_TAG = step(FNV_BASIS, 0x77);
const PAIR_TAG = step(FNV_BASIS, 0x62);
const GRAM_TAG = step(FNV_BASIS, 0x63);
const WORD = /[\p{L}\p{N}'<>|[\]#:]+/gu;

/** A sparse feature vector: `values[i]` is the weight of bucket `buckets[i]`, in the order buckets were first met. */
export class FeatureVector implements Iterable<[number, number]> {
  constructor(
    readonly buckets: Int32Array,
    readonly values: Float64Array,
  ) {}
  get size(): number {
    return this.buckets.length;
  }
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let i = 0; i < this.buckets.length; i += 1) yield [this.buckets[i]!, this.values[i]!];
  }
}

// Scratch space for one vector at a time (the scan is synchronous): sums by bucket, and which
// buckets this call has met. A Map here took 120 µs per 1,500-character window, against 80.
const sums = new Float64Array(1 << FEATURE_BITS);
const metIn = new Uint32Array(1 << FEATURE_BITS);
const met = new Int32Array(1 << FEATURE_BITS);
let call = 0;

/** The L2-normalised feature vector of a (lower-cased) view. */
export function featureVector(view: string): FeatureVector {
  const text = ` ${view.toLowerCase().replace(/\s+/g, ' ')} `;
  call = (call + 1) >>> 0;
  if (call === 0) {
    metIn.fill(0);
    call = 1;
  }
  let count = 0;
  const add = (hash: number) => {
    const bucket = hash & MASK;
    if (metIn[bucket] !== call) {
      metIn[bucket] = call;
      sums[bucket] = 0;
      met[count++] = bucket;
    }
    sums[bucket] = sums[bucket]! + (hash < 0 ? -1 : 1);
  };
  let previous: [number, number] | undefined;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    add(hashOf(WORD_TAG, text, start, end));
    if (previous !== undefined) add(hashOf(step(hashOf(PAIR_TAG, text, previous[0], previous[1]), 0x20), text, start, end));
    previous = [start, end];
  }
  for (let i = 0; i + 3 <= text.length; i += 1) {
    let hash = GRAM_TAG;
    for (let n = 1; n <= 5 && i + n <= text.length; n += 1) {
      hash = step(hash, text.charCodeAt(i + n - 1));
      if (n >= 3) add(hash);
    }
  }
  let norm = 0;
  for (let i = 0; i < count; i += 1) norm += sums[met[i]!]! * sums[met[i]!]!;
  norm = Math.sqrt(norm) || 1;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i += 1) values[i] = sums[met[i]!]! / norm;
  return new FeatureVector(met.slice(0, count), values);
}

export interface InjectionModel {
  /** Quantised weights: weight = weights[bucket] * scale. */
  readonly weights: Int8Array;
  readonly scale: number;
  readonly bias: number;
  /** A score above this is an attack. */
  readonly threshold: number;
}

/** The model as `injection-model.ts` stores it. */
export interface EncodedModel {
  readonly weights: string;
  readonly scale: number;
  readonly bias: number;
  readonly threshold: number;
}

export function decodeModel(encoded: EncodedModel): InjectionModel {
  const bytes = Buffer.from(encoded.weights, 'base64');
  if (bytes.length !== 1 << FEATURE_BITS) throw new Error(`injection model: ${bytes.length} weights, expected ${1 << FEATURE_BITS}`);
  return { weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), scale: encoded.scale, bias: encoded.bias, threshold: encoded.threshold };
}

export function scoreOf(model: Pick<InjectionModel, 'weights' | 'scale' | 'bias'>, features: FeatureVector): number {
  const { buckets, values } = features;
  let sum = 0;
  for (let i = 0; i < buckets.length; i += 1) sum += model.weights[buckets[i]!]! * values[i]!;
  return model.bias + sum * model.scale;
}

/** The characters around a passage the classifier reads: about as long as the prompts it learned from. */
const CONTEXT = 600;
export const WINDOW = 1500;

/** Whether `model` reads the text around `passage` (a span of `view`) as an attack. */
export function classifierConfirms(model: InjectionModel): (view: string, passage: Span) => boolean {
  return (view, passage) => {
    const from = Math.max(0, Math.min(passage.start - CONTEXT, view.length - WINDOW));
    const to = Math.min(view.length, Math.max(passage.end + CONTEXT, from + WINDOW));
    return scoreOf(model, featureVector(view.slice(from, to))) > model.threshold;
  };
}

/** The shipped model's opinion, which the cue scorer asks about passages that fall just short. */
export const confirmsAttack = classifierConfirms(decodeModel(INJECTION_MODEL));
