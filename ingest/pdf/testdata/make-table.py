# Writes the HTML sources of the PDF test documents (see README.md for the commands).
import sys

def rows_for(level1, groups):
    out = []
    total = sum(len(items) for _, items in groups)
    first1 = True
    for level2, items in groups:
        first2 = True
        for name, value in items:
            cells = []
            if first1:
                cells.append(f'<td rowspan="{total}">{level1}</td>'); first1 = False
            if first2:
                cells.append(f'<td rowspan="{len(items)}">{level2}</td>'); first2 = False
            cells.append(f'<td>{name}</td><td>{value}</td><td>依据实际工作开展情况</td>')
            out.append('<tr>' + ''.join(cells) + '</tr>')
    return out

def doc(repeat_header, many):
    n = 14 if many else 2
    quantity = [(f'开展业务次数{i}', f'≥{10 + i}次') for i in range(1, n + 1)]
    quality = [(f'设备完好率{i}', '≥95 %') for i in range(1, n + 1)]
    header = '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>指标值确定依据</th></tr>'
    body = []
    body += rows_for('产出指标', [('数量指标', quantity), ('质量指标', quality), ('时效指标', [('完成时间', '2026年12月底')])])
    body += rows_for('效益指标', [('社会效益指标', [('保障海关工作正常开展', '有效保障')])])
    body += rows_for('满意度指标', [('服务对象满意度指标', [('服务对象满意度', '≥90%')])])
    top = ''.join([
        '<tr><td colspan="2">项目名称</td><td colspan="3">2026年度海关办公经费</td></tr>',
        '<tr><td colspan="2">项目编码</td><td colspan="3">13060526P00003110004W</td></tr>',
        '<tr><td colspan="2" rowspan="2">预算数</td><td>合计</td><td colspan="2">60.00</td></tr>',
        '<tr><td>其中：财政资金</td><td colspan="2">60.00</td></tr>',
        '<tr><td colspan="2">绩效目标</td><td colspan="3">维护相关设备，保障海关工作正常开展。</td></tr>',
    ])
    thead = f'<thead>{header}</thead>' if repeat_header else ''
    grid_header = '' if repeat_header else header
    # The project part sits in its own table above so that <thead> repeats only the grid header.
    return f'''<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 15mm; @bottom-center {{ content: "第 " counter(page) " 页"; font-size: 9pt; }} }}
body {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td, th {{ border: 1px solid #000; padding: 3pt; font-weight: normal; text-align: center; }}
col.a {{ width: 16%; }} col.b {{ width: 18%; }} col.c {{ width: 26%; }} col.d {{ width: 15%; }}
p.title {{ text-align: center; font-size: 14pt; }}
</style></head><body>
<p class="title">1.2026年度海关办公经费绩效目标表</p>
<p>304001保定白沟新城国际贸易服务中心（本级）</p>
<p style="text-align:right">单位：万元</p>
<table><colgroup><col class="a"><col class="b"><col class="c"><col class="d"><col></colgroup>
<tbody>{top}</tbody></table>
<table><colgroup><col class="a"><col class="b"><col class="c"><col class="d"><col></colgroup>
{thead}<tbody>{grid_header}{''.join(body)}</tbody></table>
<p>填报说明：本表由项目单位填写。</p>
</body></html>'''

name, repeat, many = sys.argv[1], sys.argv[2] == 'repeat', sys.argv[3] == 'long'
open(name, 'w', encoding='utf-8').write(doc(repeat, many))
