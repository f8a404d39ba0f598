#!/bin/sh
# Renders the small clean table the OCR tests read (table.png) and a copy turned by 1° (table-rotated.png).
# Run once from this folder; the PNGs are committed so tests never depend on ImageMagick or fonts.
set -eu
FONT=Noto-Sans-CJK-SC
# Column edges and row edges in pixels (about 200 dpi: 28 px text is 10.5 pt).
X="40 300 560 900 1220"
Y="40 110 180 250 320 390"
draw=""
for x in $X; do draw="$draw line $x,40 $x,390"; done
for y in $Y; do
  case $y in
    180) draw="$draw line 300,$y 1220,$y" ;; # 产出指标 spans two rows: no rule under it in column 1
    *) draw="$draw line 40,$y 1220,$y" ;;
  esac
done
convert -size 1260x430 xc:white -stroke black -strokewidth 2 -draw "$draw" -stroke none -fill black -font "$FONT" -pointsize 28 \
  -annotate +60+85 '一级指标' -annotate +320+85 '二级指标' -annotate +580+85 '三级指标' -annotate +920+85 '指标值' \
  -annotate +60+190 '产出指标' -annotate +320+155 '数量指标' -annotate +580+155 '培训人数' -annotate +920+155 '≥120人' \
  -annotate +320+225 '质量指标' -annotate +580+225 '合格率' -annotate +920+225 '≥95%' \
  -annotate +60+295 '效益指标' -annotate +320+295 '社会效益指标' -annotate +580+295 '群众满意度' -annotate +920+295 '≥90%' \
  -annotate +60+365 '成本指标' -annotate +320+365 '经济成本指标' -annotate +580+365 '人均成本' -annotate +920+365 '≤350元' \
  -type Grayscale -depth 8 table.png
convert table.png -background white -rotate 1 -type Grayscale -depth 8 table-rotated.png
# Both as the two pages of one TIFF, for the multi-page path.
convert table.png table-rotated.png -compress lzw table-2pages.tif
