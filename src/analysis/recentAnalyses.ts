/**
 * The worker's last few analyses, full (data values included), so a hover on the text just analysed does not
 * validate it again. A hover always follows the analysis of the same document version (the host awaits it
 * first), so the newest entries are the ones that matter; older ones go once the texts held pass a budget.
 */
import type { AnalysisOptions } from './analyze';
import { analyzeText, type Analysis } from './analyze';

interface Entry {
  readonly text: string;
  readonly maxElements: number | undefined;
  readonly analysis: Analysis;
}

export interface RecentAnalysesLimits {
  /** At most this many analyses. */
  readonly entries: number;
  /** The texts held together stay below this many characters; the newest entry is always kept. */
  readonly characters: number;
}

export const DEFAULT_RECENT_LIMITS: RecentAnalysesLimits = { entries: 8, characters: 16 * 1024 * 1024 };

export class RecentAnalyses {
  /** Newest first. */
  private entries: Entry[] = [];

  constructor(
    private readonly limits: RecentAnalysesLimits = DEFAULT_RECENT_LIMITS,
    private readonly analyze: (text: string, options: AnalysisOptions) => Analysis = analyzeText,
  ) {}

  /** Analyses `text` (always: an analyze request gets a fresh result) and remembers the result. */
  fresh(text: string, options: AnalysisOptions): Analysis {
    const analysis = this.analyze(text, options);
    this.remember({ text, maxElements: options.maxElements, analysis });
    return analysis;
  }

  /** The remembered analysis of `text` with these options, or a fresh one. */
  get(text: string, options: AnalysisOptions): Analysis {
    const i = this.entries.findIndex((e) => e.maxElements === options.maxElements && e.text.length === text.length && e.text === text);
    if (i < 0) return this.fresh(text, options);
    const [entry] = this.entries.splice(i, 1);
    this.entries.unshift(entry);
    return entry.analysis;
  }

  /** Forgets everything (the messages' language changed). */
  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  private remember(entry: Entry): void {
    const kept: Entry[] = [entry];
    let characters = entry.text.length;
    for (const e of this.entries) {
      if (kept.length >= this.limits.entries || characters + e.text.length > this.limits.characters) break;
      if (e.maxElements === entry.maxElements && e.text === entry.text) continue;
      kept.push(e);
      characters += e.text.length;
    }
    this.entries = kept;
  }
}
