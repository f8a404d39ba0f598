// What a new project is about, in a few words from its name, for naming the rows a template gives
// it: 2023年雨露计划就学补助项目 → 雨露计划就学补助, 县级储备粮 → 储备粮. The year, the place, the
// administrative level, codes and the words every project name ends with (项目, 资金, 经费, 专项)
// say nothing of the subject; a long name keeps its last words, where Chinese puts the head noun.
import { segmentsTagged } from '../library/words.ts';
import { simplifiedText } from '../vocab/fold.ts';

const MAX_SUBJECT = 8;
/** Words around the subject in a project's name. */
const FRAME = /^(项目|资金|经费|专项|专项资金|补助资金|专项经费|工作经费|支出|费用|建设项目|省级|市级|县级|区级|乡级|本级|中央|地方|财政|预算|第.批|年度|年|度|级|的|及|和|与|类|等|全省|全市|全县|全区|全乡|全镇|绩效|自评|自评表|目标表|申报表|表)$/u;
const PLACE = /^\p{Script=Han}{1,6}(省|市|县|区|旗|盟|州|镇|乡|村|街道)$/u;
const DROPPED_TAGS = new Set(['ns', 'm', 't', 'x', 'mq', 'tg', 'uj']);

export function projectSubject(name: string): string | null {
  const cleaned = simplifiedText(name)
    // a budget system's project code before the name (51000021R000000019951-)
    .replace(/^[\dA-Za-z]{6,}\s*[-—_]?\s*/, '')
    // a filing prefix (发展建设类-)
    .replace(/^\p{Script=Han}{1,6}类\s*[-—:：]\s*/u, '')
    // a document number or note in brackets
    .replace(/[（(][^）)]*[\d号〔［[][^）)]*[）)]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\d{4}\s*(年度|年)?/g, '')
    .replace(/[\s"“”'‘’《》]/g, '');
  const words = segmentsTagged(cleaned).filter(({ word, tag }) => !DROPPED_TAGS.has(tag) && !FRAME.test(word) && !(word.length >= 3 && PLACE.test(word)));
  // Only the name's last run of subject words: a frame word inside (…资金基础设施) ends an earlier run.
  let subject = '';
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!.word;
    if (subject.length + word.length > MAX_SUBJECT) break;
    subject = word + subject;
  }
  subject = subject.replace(/[、，,\-—]+$/u, '').replace(/^[、，,\-—]+/u, '');
  // A place's last character left at the start (云雾土家族乡加工园 → 乡加工园 → 加工园).
  if (/^[省市县区乡镇村旗州]/u.test(subject) && subject.length > 3) subject = subject.slice(1);
  return [...subject].length >= 2 ? subject : null;
}

/** A template row's name for the project: `{项目}完工时间` with its subject, or with the general words in the braces. */
export function nameFor(pattern: string, subject: string | null): string {
  return pattern.replace(/\{([^}]*)\}/g, (_, general: string) => subject ?? general);
}
