import { describe, expect, it } from 'vitest';
import { PLACE_NAMES, PLACES, placeNamed, shortPlaceName } from './places.ts';

describe('places', () => {
  it('holds every province, city and county of GB/T 2260', () => {
    expect(PLACES.filter((place) => place.level === 'province').length).toBeGreaterThanOrEqual(34);
    expect(PLACES.filter((place) => place.level === 'city').length).toBeGreaterThan(300);
    expect(PLACES.filter((place) => place.level === 'county').length).toBeGreaterThan(2800);
    expect(PLACES.find((place) => place.name === '清苑区')).toMatchObject({ province: '河北', city: '保定' });
    expect(PLACES.find((place) => place.name === '南岳区')).toMatchObject({ province: '湖南', city: '衡阳' });
  });

  it('shortens a name to what people write: without its level and, for an autonomous one, its peoples', () => {
    expect(shortPlaceName('河北省')).toBe('河北');
    expect(shortPlaceName('张家口市')).toBe('张家口');
    expect(shortPlaceName('内蒙古自治区')).toBe('内蒙古');
    expect(shortPlaceName('西藏自治区')).toBe('西藏');
    expect(shortPlaceName('广西壮族自治区')).toBe('广西');
    expect(shortPlaceName('黔东南苗族侗族自治州')).toBe('黔东南');
    expect(shortPlaceName('博尔塔拉蒙古自治州')).toBe('博尔塔拉');
    expect(shortPlaceName('长白朝鲜族自治县')).toBe('长白');
    expect(shortPlaceName('井陉矿区')).toBe('井陉');
    expect(shortPlaceName('香港特别行政区')).toBe('香港');
    // Nothing of two characters is left: the full name.
    expect(shortPlaceName('易县')).toBe('易县');
  });

  it('takes full names of every level and short names of provinces and cities as place names, not a county’s short name or a bare 城区', () => {
    for (const name of ['河北', '张家口', '承德', '延边', '清苑区', '易县', '孟村回族自治县']) expect(PLACE_NAMES.has(name)).toBe(true);
    for (const name of ['资源', '合作', '新建', '清苑', '城区', '郊区', '矿区']) expect(PLACE_NAMES.has(name)).toBe(false);
  });

  it('reads the province and city a unit names, the most precise one named', () => {
    expect(placeNamed('河北省承德市双桥区教育局')).toEqual({ province: '河北', city: '承德' });
    expect(placeNamed('衡阳市南岳区财政局')).toEqual({ province: '湖南', city: '衡阳' });
    expect(placeNamed('承德县农业农村局')).toEqual({ province: '河北', city: '承德' });
    expect(placeNamed('云南省大理白族自治州财政局')).toEqual({ province: '云南', city: '大理' });
    expect(placeNamed('湖南省财政厅')).toEqual({ province: '湖南', city: null });
    expect(placeNamed('北京市朝阳区教育委员会')).toEqual({ province: '北京', city: '北京' });
  });

  it('says nothing when no place is named, or the one named stands in several cities', () => {
    expect(placeNamed('某单位办公室')).toBeNull();
    expect(placeNamed('')).toBeNull();
    // 朝阳区 is in Beijing and in Changchun.
    expect(placeNamed('朝阳区教育委员会')).toBeNull();
  });
});
