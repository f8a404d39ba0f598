// The page: paste or drop a document, see each project laid out like the paper form, correct
// cells in place (the server re-parses and re-checks them), see where a cell came from, export.
// Plain browser JavaScript with no dependencies, so it works without network access.
'use strict';

const state = {
  /** the extraction shown, as the server last revised it (a draft is shown as a one-project extraction) */
  extraction: null,
  /** for a draft: each row's origin, confidence, check, sources and rationale, by row (edits do not add or remove rows) */
  drafted: null,
  /** for a draft: its category, similarity floor, fallback flag and the similar projects it drew on */
  draft: null,
  /** the pasted (or uploaded text) document, for showing source lines */
  text: null,
  /** the job a file was read by: its id and pages, for page images */
  job: null,
};

const $ = (selector) => document.querySelector(selector);
const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };

function setStatus(text, kind = '') {
  const status = $('#status');
  status.textContent = text;
  status.className = kind;
}

function setEditStatus(text, kind = '') {
  const status = $('#edit-status');
  status.textContent = text;
  status.className = kind;
}

async function postJson(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

function errorText(data, status) {
  const error = data && data.error;
  return error ? `${error.message}（${error.code}）` : `服务器返回 ${status}`;
}

// ---------------------------------------------------------------- reading

/** The engine chosen; the model engines are offered only when the server has a model configured. */
const engine = () => $('#engine').value;

async function offerModelEngines() {
  const health = await fetch('/api/health').then((response) => response.json()).catch(() => null);
  if (!health?.model) return;
  for (const option of document.querySelectorAll('#engine option[disabled]')) option.disabled = false;
  $('#engine').title = `${$('#engine').title}（模型：${health.model}）`;
}

async function extractPasted() {
  const text = $('#paste').value;
  if (!text.trim()) {
    setStatus('请先粘贴绩效目标表的内容', 'error');
    return;
  }
  setStatus('提取中…');
  const { ok, status, data } = await postJson(`/api/extract?engine=${engine()}`, { text });
  if (!ok) {
    setStatus(`提取失败：${errorText(data, status)}`, 'error');
    return;
  }
  state.text = text;
  state.job = null;
  show(data);
}

const TEXT_FILE = /\.(txt|csv|md|tsv)$/i;

async function extractFile(file) {
  setStatus(`上传 ${file.name}…`);
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`/api/extract/jobs?engine=${engine()}`, { method: 'POST', body: form });
  const job = await response.json().catch(() => null);
  if (!response.ok) {
    const retry = response.headers.get('retry-after');
    setStatus(`无法读取 ${file.name}：${errorText(job, response.status)}${retry ? `，请 ${retry} 秒后再试` : ''}`, 'error');
    return;
  }
  state.text = TEXT_FILE.test(file.name) ? await file.text() : null;
  follow(job, file.name);
}

/** Follows a job's events to its end, showing progress on the way. */
function follow(job, name) {
  const progress = $('#progress');
  const bar = progress.querySelector('progress');
  const stage = progress.querySelector('.stage');
  progress.hidden = false;
  bar.removeAttribute('value');
  stage.textContent = '排队中…';
  setStatus(`正在读取 ${name}`);
  const events = new EventSource(`/api/extract/jobs/${job.id}/events`);
  events.addEventListener('progress', (event) => {
    const { stage: step, done, total } = JSON.parse(event.data);
    stage.textContent = `${stageName(step)} ${done}/${total}`;
    bar.max = total || 1;
    bar.value = done;
  });
  events.addEventListener('status', (event) => {
    const current = JSON.parse(event.data);
    if (current.status === 'running' && stage.textContent === '排队中…') stage.textContent = '读取中…';
    if (current.status !== 'done' && current.status !== 'failed') return;
    events.close();
    progress.hidden = true;
    if (current.status === 'failed') {
      setStatus(`无法读取 ${name}：${current.error.message}（${current.error.code}）`, 'error');
      return;
    }
    state.job = { id: current.id, pages: current.pages };
    show(current.result);
  });
  events.onerror = () => {
    events.close();
    progress.hidden = true;
    setStatus(`与服务器的连接中断，未能读完 ${name}`, 'error');
  };
}

function stageName(stage) {
  if (stage === 'pdf') return '读取 PDF 页';
  if (stage === 'OCR pages') return '识别扫描页';
  const page = /^OCR page (\d+): (.+)$/.exec(stage);
  if (page) return `第 ${page[1]} 页：${{ preprocess: '预处理', detect: '检测文字', 'ruling lines': '查找表格线', recognise: '识别文字' }[page[2]] ?? page[2]}`;
  return stage;
}

// ---------------------------------------------------------------- showing

function show(extraction, drafted = null, draft = null) {
  state.extraction = extraction;
  state.drafted = drafted;
  state.draft = drafted ? draft : null;
  $('#result-hint').textContent = drafted
    ? '单元格可直接修改；点击单元格查看这条指标的来源、理由和需核定之处。标 ⚠ 的指标请逐条核定，“待填”处请填写。'
    : '单元格可直接修改；点击单元格查看它在原文中的位置。';
  const projects = extraction.document.projects;
  const reading = readingOf(extraction);
  const counted = `共 ${projects.length} 个项目、${reading.rows} 条指标`;
  // Never a silent zero: nothing read, or a table left unread, is said in red; rows dropped in amber.
  if (reading.rows === 0) setStatus(drafted ? `${counted}：没有可导出的指标` : '未能读出绩效指标：没有读出任何指标行，详见下方说明', 'error');
  else if (reading.unreadTables.length > 0) setStatus(`${counted}；另有 ${reading.unreadTables.length} 处像指标表的内容未能读出，详见下方说明`, 'error');
  else if (reading.dropped.length > 0) setStatus(`${counted}；有 ${reading.dropped.length} 处内容未能读入，详见下方提示`, 'warning');
  else setStatus(counted, 'ok');
  setEditStatus('');
  $('#result').hidden = false;
  render();
}

// ---------------------------------------------------------------- what was not read

/** Warnings saying a table (or the whole document) could not be read: the red box. */
const UNREAD_TABLE_CODES = ['UNPARSED_TABLE', 'NO_TABLES_FOUND'];
/** Warnings saying part of what was read was left out: amber. */
const DROPPED_CODES = ['ROW_UNALIGNED', 'NO_INDICATORS'];
/** Warnings that say why nothing was read, shown in the red box when nothing was. */
const NOTHING_READ_CODES = [...UNREAD_TABLE_CODES, 'NO_INDICATORS', 'EMPTY_INPUT'];

/** Indicator rows read, in every project and objective; the warnings that say what was not read. */
function readingOf(extraction) {
  const doc = extraction.document;
  const rows = doc.projects.reduce((n, p) => n + p.indicators.length, 0) + (doc.objectives || []).reduce((n, o) => n + o.indicators.length, 0);
  const warnings = extraction.warnings || [];
  return {
    rows,
    unreadTables: warnings.filter((w) => UNREAD_TABLE_CODES.includes(w.code)),
    dropped: warnings.filter((w) => DROPPED_CODES.includes(w.code)),
  };
}

/** The Chinese half of a "中文: English" warning message (the whole message when it has no such halves). */
function chineseOf(message) {
  const cut = message.search(/:\s*[A-Za-z]/);
  const zh = (cut > 0 ? message.slice(0, cut) : message).trim();
  return /[\u3400-\u9fff]/.test(zh) ? zh : message;
}

/** The source text a warning is about, escaped, in a box that scrolls when it is long. */
const sourceTextHtml = (text, kind) => (text ? `<pre class="source-text ${kind}" tabindex="0">${escapeHtml(text)}</pre>` : '');

/** The red box: the document (or a table of it) could not be read, with the text that was not. */
function unreadHtml(extraction, inBox) {
  const reading = readingOf(extraction);
  const nothing = reading.rows === 0 && !state.drafted;
  if (!nothing && reading.unreadTables.length === 0) return '';
  const items = inBox.map((w) => `<li>${escapeHtml(chineseOf(w.message))} <code>${escapeHtml(w.code)}</code>${sourceTextHtml(w.text, 'unread-text')}</li>`);
  // A reader that does not yet say which text it could not read: nothing was read, so all of the pasted text was not.
  const whole = nothing && !inBox.some((w) => w.text) && state.text && state.text.trim() ? `<p>未读出的原文：</p>${sourceTextHtml(state.text, 'unread-text')}` : '';
  const heading = nothing ? '未能读出绩效目标表' : '有像指标表的内容未能读出';
  const why = nothing
    ? '没有读出任何绩效指标，导出已停用。请核对粘贴的内容是否完整（表头和每一行指标都要在内），或直接上传原文件（Word、Excel、PDF）。'
    : '下面这部分内容像指标表，但没有读出指标行，其中的指标不在结果中，也不会被导出。请核对原文，必要时补录。';
  return `<h2>${heading}</h2><p>${why}</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}${whole}`;
}

/** A warning as a note: its message, code, and the source text it is about. */
const warningHtml = (w) => `<li class="warning">${escapeHtml(w.message)} <code>${escapeHtml(w.code)}</code>${sourceTextHtml(w.text, 'warning-text')}</li>`;

/** Exports stay off until something was read. */
function setExportable(exportable) {
  for (const button of document.querySelectorAll('[data-export], #copy-tsv')) {
    button.disabled = !exportable;
    button.title = exportable ? '' : '没有读出任何指标，无可导出的内容';
  }
}

function render() {
  const { document: doc, warnings, source } = state.extraction;
  const findings = state.extraction.findings || [];
  const unit = doc.unit ? `${doc.unit.code ? doc.unit.code + ' ' : ''}${doc.unit.name}` : '—';
  const reading = readingOf(state.extraction);
  const boxCodes = reading.rows === 0 && !state.drafted ? NOTHING_READ_CODES : UNREAD_TABLE_CODES;
  const inBox = warnings.filter((warning) => boxCodes.includes(warning.code));
  const unread = unreadHtml(state.extraction, inBox);
  $('#unread').innerHTML = unread;
  $('#unread').hidden = unread === '';
  $('#draft-info').innerHTML = state.draft ? draftInfoHtml(state.draft) : '';
  $('#draft-info').hidden = !state.draft;
  setExportable(reading.rows > 0);
  const loose = warnings.filter((warning) => !inBox.includes(warning) && placeOfWarning(warning) === null);
  $('#summary').innerHTML =
    `<dl class="facts"><dt>单位</dt><dd>${escapeHtml(unit)}</dd><dt>年度</dt><dd>${escapeHtml(doc.year ?? '—')}</dd>` +
    `<dt>来源</dt><dd>${escapeHtml(source.filename ?? '粘贴文本')}（${escapeHtml(source.format)}${source.ocr ? '，文字识别' : ''}${source.pages ? `，${source.pages} 页` : ''}）</dd></dl>` +
    (loose.length ? `<ul class="notes">${loose.map(warningHtml).join('')}</ul>` : '');
  $('#projects').innerHTML = doc.projects.map((project, index) => projectHtml(project, index, findings)).join('');
}

/** The project and row a warning concerns, from its location; null when it concerns the document. */
function placeOfWarning(warning) {
  const { line, table } = warning.loc || {};
  const projects = state.extraction.document.projects;
  if (line === undefined && table === undefined) return null;
  for (let p = 0; p < projects.length; p++) {
    const rows = projects[p].indicators;
    for (let i = 0; i < rows.length; i++) {
      const spans = Object.values(rows[i].provenance || {});
      if (line !== undefined && spans.some((span) => span.lineStart <= line && line <= (span.lineEnd ?? span.lineStart))) return { project: p, row: i };
    }
  }
  // A line among a project's rows that is none of them (a row that could not be aligned): the project's.
  if (line !== undefined) {
    for (let p = 0; p < projects.length; p++) {
      const lines = projects[p].indicators.flatMap((row) => Object.values(row.provenance || {}).filter((span) => span.lineStart !== undefined).map((span) => span.lineStart));
      if (lines.length && Math.min(...lines) < line && line < Math.max(...lines)) return { project: p, row: null };
    }
  }
  return null;
}

function notesOf(projectIndex, rowIndex, findings) {
  const drafted = state.drafted && rowIndex !== null ? state.drafted[rowIndex] : null;
  const pending = drafted ? isPending(projectIndex, rowIndex) : false;
  const notes = drafted
    ? [
        `<li class="origin-line">${originHtml(drafted)}</li>`,
        ...(drafted.check ? [`<li class="check${drafted.confidence === 'low' ? ' low' : ''}">${drafted.confidence === 'low' ? '⚠ ' : ''}${escapeHtml(drafted.check)}</li>`] : []),
        `<li class="why">理由：${escapeHtml(drafted.rationale)}</li>`,
      ]
    : [];
  notes.push(
    ...findings
      .filter((finding) => finding.loc.projectIndex === projectIndex && (finding.loc.indicatorIndex ?? null) === rowIndex)
      .map((finding) =>
        // A value the draft left for the user to fill in is 待填, not an error: its check says what to write.
        pending && finding.code === 'VALUE_MISSING'
          ? `<li class="pending">待填：${escapeHtml(finding.message)} <code>${escapeHtml(finding.code)}</code></li>`
          : `<li class="${finding.severity}">${SEVERITY[finding.severity] ?? ''}：${escapeHtml(finding.message)} <code>${escapeHtml(finding.code)}</code></li>`,
      ),
  );
  for (const warning of state.extraction.warnings) {
    const place = placeOfWarning(warning);
    if (place && place.project === projectIndex && place.row === rowIndex) notes.push(warningHtml(warning));
  }
  return notes.length ? `<ul class="notes">${notes.join('')}</ul>` : '';
}

const editable = (projectIndex, field, value, extra = '') =>
  `<td contenteditable="true" spellcheck="false" data-project="${projectIndex}" data-field="${field}"${extra}>${escapeHtml(value ?? '')}</td>`;

/**
 * How surely OCR read a budget amount (field budget.fiscal …, row null) or a row's cell, when the
 * validator found it too low (OCR_LOW_CONFIDENCE, whose threshold is the validator's): else null.
 */
function lowOcrConfidence(projectIndex, rowIndex, field, findings) {
  const flagged = findings.some(
    (finding) => finding.code === 'OCR_LOW_CONFIDENCE' && finding.loc.projectIndex === projectIndex && (finding.loc.indicatorIndex ?? null) === rowIndex && finding.loc.field === field,
  );
  if (!flagged) return null;
  const project = state.extraction.document.projects[projectIndex];
  const confidence = rowIndex === null ? (project.ocrConfidence || {})[field] : (((project.indicators[rowIndex] || {}).provenance || {})[field] || {}).confidence;
  return typeof confidence === 'number' ? confidence : null;
}

/** The hover text of a cell OCR read with low confidence. */
const ocrLowTitle = (confidence) => `扫描识别置信度低（${confidence.toFixed(2)}），请核对原件`;

/** A budget amount's cell: marked (dotted amber underline, hover text) when OCR read it with low confidence. */
function amountCell(project, p, field, findings, pending = false) {
  const low = lowOcrConfidence(p, null, field, findings);
  const classes = [pending ? 'pending' : '', low !== null ? 'ocr-low' : ''].filter(Boolean);
  const extra = `${classes.length ? ` class="${classes.join(' ')}"` : ''}${pending ? ' data-placeholder="待填"' : ''}${low !== null ? ` title="${escapeHtml(ocrLowTitle(low))}" data-ocr-confidence="${low}"` : ''}`;
  return editable(p, field, project.budget[field.slice(7)], extra);
}

function projectHtml(project, p, findings) {
  const unit = project.unit ? `${project.unit.code ? project.unit.code + ' ' : ''}${project.unit.name}` : '';
  const plan = (project.spendingPlan || []).map((entry) => `${escapeHtml(entry.period)}：${escapeHtml(entry.raw || '—')}`).join('　');
  const head =
    `<table class="form head"><tbody>` +
    `<tr><th>项目名称</th>${editable(p, 'name', project.name)}<th>项目编码</th>${editable(p, 'code', project.code)}</tr>` +
    `<tr><th>单位</th><td colspan="3">${escapeHtml(unit)}</td></tr>` +
    `<tr><th>预算数（万元）</th>${amountCell(project, p, 'budget.total', findings, Boolean(state.drafted) && project.budget.total === null)}<th>其中：财政资金</th>${amountCell(project, p, 'budget.fiscal', findings)}</tr>` +
    `<tr><th>其他资金</th>${amountCell(project, p, 'budget.other', findings)}<th>负责人</th>${editable(p, 'owner', project.owner)}</tr>` +
    `<tr><th>资金用途</th>${editable(p, 'purpose', project.purpose, ' colspan="3"')}</tr>` +
    (plan ? `<tr><th>资金支出计划</th><td colspan="3">${plan}</td></tr>` : '') +
    `<tr><th>绩效目标</th>${editable(p, 'goals', project.goals.join('\n'), ' colspan="3" class="multiline"')}</tr>` +
    `</tbody></table>`;
  const top = notesOf(p, null, findings);
  return `<section class="project" data-project="${p}"><h2>${escapeHtml(project.title ?? project.name ?? `项目 ${p + 1}`)}</h2>${top}${head}${gridHtml(project, p, findings)}</section>`;
}

/** Runs of equal cells down a column, as the paper form merges them: [start, length] per run. */
function runsOf(values) {
  const runs = [];
  values.forEach((value, index) => {
    const last = runs[runs.length - 1];
    if (last && values[last[0]] === value) last[1]++;
    else runs.push([index, 1]);
  });
  return runs;
}

function gridHtml(project, p, findings) {
  const rows = project.indicators;
  const level1Runs = new Map(runsOf(rows.map((row) => row.level1)).map(([start, length]) => [start, length]));
  const level2Runs = new Map(runsOf(rows.map((row) => `${row.level1}\u0000${row.level2}`)).map(([start, length]) => [start, length]));
  const body = rows
    .map((row, i) => {
      const drafted = state.drafted ? state.drafted[i] : null;
      const low = drafted && drafted.confidence === 'low';
      const check = drafted && drafted.check ? `${low ? '⚠ ' : ''}${drafted.check}` : '';
      const sources = drafted ? [check, sourcesText(drafted)].filter(Boolean).join('\n') : '';
      const pending = drafted && isPending(p, i);
      const cell = (field, value) => {
        const unsure = lowOcrConfidence(p, i, field, findings);
        const classes = [field === 'name' && sources ? 'sourced' : '', low ? 'low' : '', field === 'value' && pending ? 'pending' : '', unsure !== null ? 'ocr-low' : ''].filter(Boolean);
        const title = [field === 'name' ? sources : (field === 'value' || low) && check ? check : '', unsure !== null ? ocrLowTitle(unsure) : ''].filter(Boolean).join('\n');
        const attributes = `${classes.length ? ` class="${classes.join(' ')}"` : ''}${title ? ` title="${escapeHtml(title)}"` : ''}${field === 'value' && pending ? ' data-placeholder="待填"' : ''}${unsure !== null ? ` data-ocr-confidence="${unsure}"` : ''}`;
        return `<td contenteditable="true" spellcheck="false" data-project="${p}" data-row="${i}" data-field="${field}"${attributes}>${escapeHtml(value ?? '')}</td>`;
      };
      const spanned = (runs, field, value) => (runs.has(i) ? `<td rowspan="${runs.get(i)}" contenteditable="true" spellcheck="false" data-project="${p}" data-row="${i}" data-span="${runs.get(i)}" data-field="${field}">${escapeHtml(value ?? '')}</td>` : '');
      return (
        `<tr data-row="${i}"${drafted ? ` data-origin="${escapeHtml(drafted.origin)}" data-confidence="${escapeHtml(drafted.confidence)}"` : ''}${low ? ' class="low"' : ''}>` +
        spanned(level1Runs, 'level1', row.level1) +
        spanned(level2Runs, 'level2', row.level2) +
        cell('name', row.name) +
        cell('description', row.description) +
        cell('value', row.value.raw) +
        cell('basis', row.basis) +
        `<td class="note-cell${low ? ' low' : ''}">${notesOf(p, i, findings)}</td></tr>`
      );
    })
    .join('');
  const empty = rows.length === 0 ? '<tr><td colspan="7" class="empty-grid">未能读出本项目的绩效指标</td></tr>' : '';
  return `<table class="form grid"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th><th>审核提示</th></tr></thead><tbody>${body}${empty}</tbody></table>`;
}

/** A similarity 0..1 as the page shows it: two decimals. */
const similarityText = (similarity) => (typeof similarity === 'number' ? similarity.toFixed(2) : '');

/** Where a drafted row came from, in a few words: 相近项目 0.62, 类别模板, 资金用途, 模型. */
function originLabel(drafted) {
  if (drafted.origin === 'precedent') return `相近项目${drafted.similarity === null ? '' : ` ${similarityText(drafted.similarity)}`}`;
  return { template: '类别模板', request: '资金用途', model: '模型' }[drafted.origin] ?? drafted.origin;
}

const ORIGIN_TITLE = {
  precedent: '取自库中相近项目的指标行，数字为该项目与本项目的相似度（0–1）',
  template: '库中没有可参照的行：取自本项目类别的常用指标，请按实际核定',
  request: '取自本项目资金用途中写明的数量',
  model: '由模型参照相近项目补充',
};

/** A drafted row's origin as a small label, and 需核定 when it is a row to check first. */
const originHtml = (drafted) =>
  `<span class="origin origin-${escapeHtml(drafted.origin)}" title="${escapeHtml(ORIGIN_TITLE[drafted.origin] ?? '')}">${escapeHtml(originLabel(drafted))}</span>` +
  (drafted.confidence === 'low' ? ' <span class="low-mark">需核定</span>' : '');

/** A drafted row whose value was left empty for the user (the budget not known yet, …). */
function isPending(projectIndex, rowIndex) {
  const drafted = state.drafted && state.drafted[rowIndex];
  const row = state.extraction.document.projects[projectIndex].indicators[rowIndex];
  return Boolean(drafted && row && !String(row.value.raw ?? '').trim());
}

/** A drafted row's sources, one a line, for its hover text and the panel. */
function sourcesText(drafted) {
  if (!drafted) return '';
  if (drafted.sources.length === 0) {
    if (drafted.origin === 'template') {
      const category = state.draft && state.draft.category ? `“${state.draft.category.name}”类项目` : '同类项目';
      return `来源：${category}的常用指标（类别模板），库中没有可参照的行`;
    }
    if (drafted.origin === 'request') return '来源：本项目的资金用途';
    if (drafted.origin === 'model') return '来源：模型补充';
    return '来源：未记录';
  }
  return ['来源：', ...drafted.sources.map((source) => `#${source.projectId} ${source.projectName ?? ''}${source.year ? `（${source.year}年）` : ''} 第${source.row}行，相似度 ${similarityText(source.similarity)}`)].join('\n');
}

/** Above a draft's table: its category, the fallback banner, and the projects it drew on. */
function draftInfoHtml(draft) {
  const floor = similarityText(draft.floor);
  const category = draft.category ? `类别：${escapeHtml(draft.category.name)}（${escapeHtml(draft.category.reason)}）` : '类别：未能判断';
  const banner = draft.fallback
    ? `<div class="fallback" role="alert"><strong>⚠ 库中没有相近的项目，以下为类别模板，请逐条核定</strong>` +
      `<span>库中没有哪个项目与本项目的相似度达到 ${floor}，下列指标都不是从历史项目中来的：名称和目标值须按本项目实际逐条核定。</span></div>`
    : '';
  const rows = state.drafted || [];
  const lows = rows.filter((row) => row.confidence === 'low').length;
  const pending = rows.filter((_, i) => isPending(0, i)).length;
  const counts = [lows ? `<span class="low-mark">⚠ ${lows} 条需核定</span>` : '', pending ? `<span class="pending-mark">${pending} 处待填</span>` : ''].filter(Boolean).join(' ');
  const similar = draft.similar.length
    ? `<details class="similar"><summary>参照了 ${draft.similar.length} 个相近项目（相似度 ≥ ${floor}）</summary><ol>${draft.similar
        .map((hit) => {
          const about = [hit.project.year ? `${hit.project.year}年` : '', hit.project.province, hit.project.category].filter(Boolean).join('，');
          return `<li>#${hit.project.id} ${escapeHtml(hit.project.name ?? '（无名称）')}${about ? `（${escapeHtml(about)}）` : ''} 相似度 ${similarityText(hit.similarity)}</li>`;
        })
        .join('')}</ol></details>`
    : '';
  const refined = draft.refinedBy ? `<p class="refined">措辞经模型 ${escapeHtml(draft.refinedBy)} 润色</p>` : '';
  return `${banner}<p class="category">${category}${counts ? ` ${counts}` : ''}</p>${similar}${refined}`;
}

// ---------------------------------------------------------------- drafting

async function draftNew(event) {
  event.preventDefault();
  const form = new FormData($('#draft-form'));
  const text = (name) => String(form.get(name) || '').trim();
  const status = $('#draft-status');
  const budgetInput = $('#draft-form [name="budget"]');
  const budget = budgetOf(text('budget'));
  budgetInput.setAttribute('aria-invalid', String(Boolean(budget.error)));
  if (budget.error) {
    status.textContent = budget.error;
    status.className = 'error';
    budgetInput.focus();
    return;
  }
  const year = text('year');
  if (year && !/^\d{4}$/.test(year)) {
    status.textContent = `年度“${year}”须为四位数字，如 2026；可不填`;
    status.className = 'error';
    return;
  }
  const request = { name: text('name') };
  if (budget.amount !== null) request.budget = budget.amount;
  if (text('purpose')) request.purpose = text('purpose');
  const goals = text('goals').split('\n').map((goal) => goal.trim()).filter(Boolean);
  if (goals.length) request.goals = goals;
  if (year) request.year = Number(year);
  if (text('unit')) request.unit = text('unit');
  if (text('region')) request.region = text('region');
  status.textContent = '起草中…';
  status.className = '';
  const { ok, status: code, data } = await postJson('/api/draft', request);
  if (!ok) {
    const budgetRefused = data && data.error && data.error.code === 'BAD_REQUEST' && /\bbudget\b/.test(data.error.message);
    status.textContent = budgetRefused ? '起草失败：预算须为大于 0 的金额（万元），如 50；尚未确定可留空' : `起草失败：${errorText(data, code)}`;
    status.className = 'error';
    return;
  }
  const { project, findings, similar, category, floor, fallback, refinedBy } = data;
  const lows = project.indicators.filter((row) => row.confidence === 'low').length;
  const toCheck = lows ? `，其中 ${lows} 条需核定` : '';
  status.textContent = fallback
    ? `库中没有相近的项目：按${category ? `“${category.name}”` : ''}类别模板起草 ${project.indicators.length} 条指标${toCheck}`
    : `已参照 ${similar.length} 个相近项目起草 ${project.indicators.length} 条指标${toCheck}`;
  status.className = fallback || lows ? 'warning' : 'ok';
  const drafted = project.indicators.map(({ origin, similarity, confidence, check, sources, rationale }) => ({ origin, similarity, confidence, check, sources, rationale }));
  // The contract's indicator: what revising and exporting take.
  const plainRow = ({ origin: _o, similarity: _m, confidence: _c, check: _k, sources: _s, rationale: _r, ...row }) => row;
  const plain = { ...project, title: `${project.name}绩效目标表（草稿）`, indicators: project.indicators.map(plainRow) };
  state.text = null;
  state.job = null;
  show(
    {
      schemaVersion: '1',
      // A draft was read from no bytes: a hash of zeros, which the contract takes (an empty one it refuses, so edits failed).
      source: { filename: `${project.name}（草稿）`, format: 'text', ocr: false, pages: null, sha256: '0'.repeat(64) },
      document: { unit: project.unit, year: request.year ?? null, overallGoal: null, departmentBudget: null, objectives: [], projects: [plain] },
      warnings: [],
      findings,
    },
    drafted,
    { category, floor, fallback, similar, refinedBy },
  );
}

/** The budget typed in the draft form, in 万元: null when left empty (not known yet), or what is wrong with it. */
function budgetOf(typed) {
  if (!typed) return { amount: null };
  const bare = typed.replace(/[,，\s]/g, '').replace(/(万元|万)$/, '');
  if (!/^\d+(\.\d+)?$/.test(bare)) return { error: `预算“${typed}”不是金额：请填写以万元计的数字，如 50 或 12.5；尚未确定可留空` };
  const amount = Number(bare);
  if (!(amount > 0)) return { error: '预算须大于 0（万元）；尚未确定可留空' };
  return { amount };
}

function selectTab(name) {
  document.querySelectorAll('[data-tab]').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.tab === name)));
  document.querySelectorAll('[data-panel]').forEach((panel) => {
    panel.hidden = panel.dataset.panel !== name;
  });
}

// ---------------------------------------------------------------- editing

/** Writes a cell's new text into a copy of the extraction; null when nothing changed. */
function edited(cell) {
  const extraction = structuredClone(state.extraction);
  const project = extraction.document.projects[Number(cell.dataset.project)];
  const text = cell.innerText.replace(/\u00a0/g, ' ').trim();
  const field = cell.dataset.field;
  if (cell.dataset.row === undefined) {
    if (field === 'goals') project.goals = text.split('\n').map((goal) => goal.trim()).filter(Boolean);
    else if (field.startsWith('budget.')) {
      const amount = text === '' ? null : Number(text.replace(/[,，万元\s]/g, ''));
      if (amount !== null && !Number.isFinite(amount)) return { error: `“${text}”不是金额（万元）` };
      project.budget[field.slice(7)] = amount;
      // Typed by a person: no longer OCR's reading, so no longer in doubt.
      if (project.ocrConfidence) {
        delete project.ocrConfidence[field];
        if (Object.keys(project.ocrConfidence).length === 0) delete project.ocrConfidence;
      }
    } else project[field] = text || null;
    return { extraction };
  }
  const row = Number(cell.dataset.row);
  const span = Number(cell.dataset.span || 1);
  for (let i = row; i < row + span; i++) {
    const indicator = project.indicators[i];
    // Parsed fields are derived again by the server from what was typed.
    if (field === 'value') indicator.value = { raw: text };
    else indicator[field] = text || null;
    // Typed by a person: the place it came from stays, OCR's doubt goes.
    if (indicator.provenance && indicator.provenance[field]) delete indicator.provenance[field].confidence;
  }
  return { extraction };
}

async function commitEdit(cell) {
  if (cell.dataset.before === cell.innerText) return;
  const change = edited(cell);
  if (change.error) {
    setEditStatus(change.error, 'error');
    return;
  }
  setEditStatus('正在重新解析…');
  const { ok, status, data } = await postJson('/api/revise', change.extraction);
  if (!ok) {
    const issues = (data && data.error && data.error.issues) || [];
    setEditStatus(`修改未通过校验：${issues.map((issue) => `${issue.path} ${issue.message}`).join('；') || errorText(data, status)}`, 'error');
    return;
  }
  state.extraction = data;
  render();
  setEditStatus('已更新：指标值已按规则重新解析并校验', 'ok');
}

// ---------------------------------------------------------------- where a cell came from

function provenanceOf(cell) {
  if (cell.dataset.row === undefined) return null;
  const indicator = state.extraction.document.projects[Number(cell.dataset.project)].indicators[Number(cell.dataset.row)];
  return (indicator.provenance || {})[cell.dataset.field] || null;
}

function showSource(cell) {
  const body = $('#source-panel .panel-body');
  $('#source-panel').hidden = false;
  if (state.drafted && cell.dataset.row !== undefined) {
    const row = Number(cell.dataset.row);
    const drafted = state.drafted[row];
    const check = drafted.check ? `<p class="check${drafted.confidence === 'low' ? ' low' : ''}">${drafted.confidence === 'low' ? '⚠ ' : ''}请核定：${escapeHtml(drafted.check)}</p>` : '';
    const pending = isPending(Number(cell.dataset.project), row) ? '<p class="pending-mark">指标值待填</p>' : '';
    body.innerHTML = `<p>${originHtml(drafted)}</p>${check}${pending}<p>理由：${escapeHtml(drafted.rationale)}</p><pre class="sources">${escapeHtml(sourcesText(drafted))}</pre>`;
    return;
  }
  const span = provenanceOf(cell);
  if (!span) {
    const project = state.extraction.document.projects[Number(cell.dataset.project)];
    const confidence = cell.dataset.row === undefined && project.ocrConfidence ? project.ocrConfidence[cell.dataset.field] : undefined;
    body.innerHTML =
      confidence !== undefined
        ? `<p>文字识别，置信度 ${Math.round(confidence * 100)}%${cell.classList.contains('ocr-low') ? '：置信度低，请对照原件核对' : ''}（没有记录在原件中的位置）</p>`
        : '<p>这个单元格没有记录来源位置。</p>';
    return;
  }
  const page = state.job && span.page !== undefined ? state.job.pages.find((entry) => entry.page === span.page) : null;
  if (page && span.bbox) {
    const doubt = cell.classList.contains('ocr-low') ? '<p class="ocr-low-note">扫描识别置信度低，请对照下面的原件核对这个数字。</p>' : '';
    body.innerHTML = `<p>第 ${span.page} 页${span.ocr ? '（文字识别' + (span.confidence !== undefined ? `，置信度 ${Math.round(span.confidence * 100)}%` : '') + '）' : ''}</p>${doubt}<canvas class="crop"></canvas>`;
    drawCrop(body.querySelector('canvas'), page, span.bbox);
    return;
  }
  if (span.lineStart !== undefined && state.text !== null) {
    const lines = state.text.split(/\r?\n/);
    const from = Math.max(1, span.lineStart - 2);
    const to = Math.min(lines.length, (span.lineEnd ?? span.lineStart) + 2);
    const shown = [];
    for (let n = from; n <= to; n++) {
      const own = n >= span.lineStart && n <= (span.lineEnd ?? span.lineStart);
      shown.push(`<li value="${n}"${own ? ' class="own"' : ''}>${escapeHtml(lines[n - 1]) || '&nbsp;'}</li>`);
    }
    body.innerHTML = `<p>原文第 ${span.lineStart}${span.lineEnd && span.lineEnd !== span.lineStart ? '–' + span.lineEnd : ''} 行</p><ol class="lines">${shown.join('')}</ol>`;
    return;
  }
  if (span.sheet) {
    body.innerHTML = `<p>工作表「${escapeHtml(span.sheet)}」单元格 ${escapeHtml(span.ref ?? '')}</p>`;
    return;
  }
  if (span.table !== undefined) {
    body.innerHTML = `<p>第 ${span.table} 个表格，第 ${span.row} 行，第 ${span.cell} 格</p>`;
    return;
  }
  body.innerHTML = `<p>${span.page !== undefined ? `第 ${span.page} 页` : ''}${span.lineStart !== undefined ? `第 ${span.lineStart} 行` : ''}</p>`;
}

/** The part of the page image around `bbox`, with the cell outlined. */
function drawCrop(canvas, page, bbox) {
  const image = new Image();
  image.onload = () => {
    const scale = image.naturalWidth / page.width;
    const margin = 40;
    const [x0, y0, x1, y1] = bbox.map((v) => v * scale);
    const left = Math.max(0, x0 - margin);
    const top = Math.max(0, y0 - margin);
    const width = Math.min(image.naturalWidth, x1 + margin) - left;
    const height = Math.min(image.naturalHeight, y1 + margin) - top;
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.drawImage(image, left, top, width, height, 0, 0, width, height);
    context.strokeStyle = '#d1242f';
    context.lineWidth = 2;
    context.strokeRect(x0 - left, y0 - top, x1 - x0, y1 - y0);
  };
  image.src = `${page.image}?width=1400`;
}

// ---------------------------------------------------------------- export

async function exportAs(format) {
  if (readingOf(state.extraction).rows === 0) return;
  const response = await fetch(`/api/export/${format}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state.extraction) });
  if (!response.ok) {
    setEditStatus(`导出失败：${errorText(await response.json().catch(() => null), response.status)}`, 'error');
    return;
  }
  const disposition = response.headers.get('content-disposition') || '';
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = named ? decodeURIComponent(named[1]) : `绩效目标表.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

async function copyTsv() {
  if (readingOf(state.extraction).rows === 0) return;
  const response = await fetch('/api/export/tsv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state.extraction) });
  const text = await response.text();
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = Object.assign(document.createElement('textarea'), { value: text });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  setEditStatus('已复制，可直接粘贴到 Excel 或预算系统', 'ok');
}

// ---------------------------------------------------------------- wiring

$('#extract').addEventListener('click', extractPasted);
offerModelEngines();
$('#draft-form').addEventListener('submit', draftNew);
$('#draft-form [name="budget"]').addEventListener('input', (event) => event.target.removeAttribute('aria-invalid'));
document.querySelectorAll('[data-tab]').forEach((tab) => tab.addEventListener('click', () => selectTab(tab.dataset.tab)));
$('#file').addEventListener('change', (event) => {
  const [file] = event.target.files;
  if (file) extractFile(file);
  event.target.value = '';
});
const drop = $('#drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const [file] = event.dataTransfer.files;
  if (file) extractFile(file);
});
$('#projects').addEventListener('focusin', (event) => {
  const cell = event.target.closest('td[contenteditable]');
  if (!cell) return;
  cell.dataset.before = cell.innerText;
  showSource(cell);
});
$('#projects').addEventListener('focusout', (event) => {
  const cell = event.target.closest('td[contenteditable]');
  if (cell) commitEdit(cell);
});
$('#projects').addEventListener('keydown', (event) => {
  // Enter ends the edit (Shift+Enter for a new line in multi-line cells).
  if (event.key === 'Enter' && !event.shiftKey && event.target.matches('td[contenteditable]')) {
    event.preventDefault();
    event.target.blur();
  }
});
document.querySelectorAll('[data-export]').forEach((button) => button.addEventListener('click', () => exportAs(button.dataset.export)));
$('#copy-tsv').addEventListener('click', copyTsv);
$('#source-panel .close').addEventListener('click', () => {
  $('#source-panel').hidden = true;
});
