// The key a cell is matched by, never what is output: forms are read in traditional characters,
// with pinyin a converter inserted (`指標(biāo)`), full-width letters, and spaces where a cell
// wrapped; the vocabulary is written once, in simplified characters without spaces.
import { Converter } from 'opencc-js/t2cn';

/** Removes every whitespace character: for labels broken over lines (`经济效益\n指标`). */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00A0\u3000]+/g, '');
}

// Pinyin with tone marks in brackets right after a character, as web converters insert it.
const INSERTED_PINYIN = /(?<=[\p{Unified_Ideograph}])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]/gu;

export function withoutInsertedPinyin(text: string): string {
  return text.replace(INSERTED_PINYIN, '');
}

// Characters that only traditional text has, among those the forms' words use: a cheap test
// that spares simplified text (nearly all of it) the converter.
const TRADITIONAL_MARKERS = /[績標數項區資萬際當預體總評質時處產濟會態續務滿對級財撥額達實規劃類計單與導環護專屬發運營準確費廣應權門稱備註聯繫負責電話號碼間長開關設從線點鄉縣鎮內價係經銷購買進過這個們來說東車學問題見讀書寫認識動員該還議論調結義醫療衛藥險養災親農場漁蟲雞豬馬魚氣溫濕風雲燈樓廳廠礦鐵鋼銀錢幣貨貿賣賬據證報紙誌圖畫視聽聞訊網絡腦軟硬驗測試檢監訓練課庫選舉範檔層構織組織機關處理辦戶籍輔補貼獎勵節約優勢風險]/u;

let toSimplified: ((text: string) => string) | null = null;

function simplified(text: string): string {
  if (!TRADITIONAL_MARKERS.test(text)) return text;
  const convert = (toSimplified ??= Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

/** Running text as the vocabulary writes it, spaces kept: inserted pinyin dropped, traditional characters simplified. */
export function simplifiedText(text: string): string {
  return simplified(withoutInsertedPinyin(text));
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * The matching key of a short text: NFKC (full-width letters, digits and brackets to ASCII),
 * inserted pinyin dropped, traditional characters simplified, whitespace removed. Long texts are
 * not vocabulary; they are only squeezed.
 */
export function fold(text: string): string {
  if (text.length > 80) return squeeze(text);
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const key = squeeze(simplified(withoutInsertedPinyin(text.normalize('NFKC'))));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, key);
  return key;
}

/** fold, and also a label's decorations dropped: leading `*`/`★`, a trailing colon. */
export function labelFold(text: string): string {
  return fold(text)
    .replace(/^[*★☆※]+/, '')
    .replace(/[:：]+$/, '');
}
