// The page: paste or drop a document, see each project laid out like the paper form, correct
// cells in place (the server re-parses and re-checks them), see where a cell came from, export.
// Plain browser JavaScript with no dependencies, so it works without network access.
'use strict';

const state = {
  /** the extraction shown, as the server last revised it (a draft is shown as a one-project extraction) */
  extraction: null,
  /** for a draft: each row's sources and rationale, by row (edits do not add or remove rows) */
  drafted: null,
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

function show(extraction, drafted = null) {
  state.extraction = extraction;
  state.drafted = drafted;
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
  const why = drafted ? [`<li class="why">理由：${escapeHtml(drafted.rationale)}</li>`] : [];
  const notes = why.concat(
    findings
      .filter((finding) => finding.loc.projectIndex === projectIndex && (finding.loc.indicatorIndex ?? null) === rowIndex)
      .map((finding) => `<li class="${finding.severity}">${SEVERITY[finding.severity] ?? ''}：${escapeHtml(finding.message)} <code>${escapeHtml(finding.code)}</code></li>`),
  );
  for (const warning of state.extraction.warnings) {
    const place = placeOfWarning(warning);
    if (place && place.project === projectIndex && place.row === rowIndex) notes.push(warningHtml(warning));
  }
  return notes.length ? `<ul class="notes">${notes.join('')}</ul>` : '';
}

const editable = (projectIndex, field, value, extra = '') =>
  `<td contenteditable="true" spellcheck="false" data-project="${projectIndex}" data-field="${field}"${extra}>${escapeHtml(value ?? '')}</td>`;

function projectHtml(project, p, findings) {
  const unit = project.unit ? `${project.unit.code ? project.unit.code + ' ' : ''}${project.unit.name}` : '';
  const plan = (project.spendingPlan || []).map((entry) => `${escapeHtml(entry.period)}：${escapeHtml(entry.raw || '—')}`).join('　');
  const head =
    `<table class="form head"><tbody>` +
    `<tr><th>项目名称</th>${editable(p, 'name', project.name)}<th>项目编码</th>${editable(p, 'code', project.code)}</tr>` +
    `<tr><th>单位</th><td colspan="3">${escapeHtml(unit)}</td></tr>` +
    `<tr><th>预算数（万元）</th>${editable(p, 'budget.total', project.budget.total)}<th>其中：财政资金</th>${editable(p, 'budget.fiscal', project.budget.fiscal)}</tr>` +
    `<tr><th>其他资金</th>${editable(p, 'budget.other', project.budget.other)}<th>负责人</th>${editable(p, 'owner', project.owner)}</tr>` +
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
      const sources = state.drafted ? sourcesText(state.drafted[i]) : '';
      const cell = (field, value) =>
        `<td contenteditable="true" spellcheck="false" data-project="${p}" data-row="${i}" data-field="${field}"${field === 'name' && sources ? ` class="sourced" title="${escapeHtml(sources)}"` : ''}>${escapeHtml(value ?? '')}</td>`;
      const spanned = (runs, field, value) => (runs.has(i) ? `<td rowspan="${runs.get(i)}" contenteditable="true" spellcheck="false" data-project="${p}" data-row="${i}" data-span="${runs.get(i)}" data-field="${field}">${escapeHtml(value ?? '')}</td>` : '');
      return (
        `<tr data-row="${i}">` +
        spanned(level1Runs, 'level1', row.level1) +
        spanned(level2Runs, 'level2', row.level2) +
        cell('name', row.name) +
        cell('description', row.description) +
        cell('value', row.value.raw) +
        cell('basis', row.basis) +
        `<td class="note-cell">${notesOf(p, i, findings)}</td></tr>`
      );
    })
    .join('');
  const empty = rows.length === 0 ? '<tr><td colspan="7" class="empty-grid">未能读出本项目的绩效指标</td></tr>' : '';
  return `<table class="form grid"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th><th>审核提示</th></tr></thead><tbody>${body}${empty}</tbody></table>`;
}

/** A drafted row's sources, one a line, for its hover text. */
function sourcesText(drafted) {
  if (!drafted || drafted.sources.length === 0) return drafted ? '来源：本项目的资金用途和预算' : '';
  return ['来源：', ...drafted.sources.map((source) => `#${source.projectId} ${source.projectName ?? ''}${source.year ? `（${source.year}年）` : ''} 第${source.row}行，相似度 ${source.similarity}`)].join('\n');
}

// ---------------------------------------------------------------- drafting

async function draftNew(event) {
  event.preventDefault();
  const form = new FormData($('#draft-form'));
  const text = (name) => String(form.get(name) || '').trim();
  const request = { name: text('name'), budget: Number(text('budget').replace(/[,，万元\s]/g, '')) };
  if (text('purpose')) request.purpose = text('purpose');
  const goals = text('goals').split('\n').map((goal) => goal.trim()).filter(Boolean);
  if (goals.length) request.goals = goals;
  if (text('year')) request.year = Number(text('year'));
  if (text('unit')) request.unit = text('unit');
  if (text('region')) request.region = text('region');
  const status = $('#draft-status');
  status.textContent = '起草中…';
  status.className = '';
  const { ok, status: code, data } = await postJson('/api/draft', request);
  if (!ok) {
    status.textContent = `起草失败：${errorText(data, code)}`;
    status.className = 'error';
    return;
  }
  const { project, findings, similar } = data;
  status.textContent = `已参照 ${similar.length} 个相近项目起草 ${project.indicators.length} 条指标`;
  status.className = 'ok';
  const drafted = project.indicators.map(({ sources, rationale }) => ({ sources, rationale }));
  const plain = { ...project, title: `${project.name}绩效目标表（草稿）`, indicators: project.indicators.map(({ sources: _s, rationale: _r, ...row }) => row) };
  state.text = null;
  state.job = null;
  show(
    {
      schemaVersion: '1',
      source: { filename: `${project.name}（草稿）`, format: 'text', ocr: false, pages: null, sha256: '' },
      document: { unit: project.unit, year: request.year ?? null, overallGoal: null, departmentBudget: null, objectives: [], projects: [plain] },
      warnings: [],
      findings,
    },
    drafted,
  );
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
    const drafted = state.drafted[Number(cell.dataset.row)];
    body.innerHTML = `<p>${escapeHtml(drafted.rationale)}</p><pre class="sources">${escapeHtml(sourcesText(drafted))}</pre>`;
    return;
  }
  const span = provenanceOf(cell);
  if (!span) {
    body.innerHTML = '<p>这个单元格没有记录来源位置。</p>';
    return;
  }
  const page = state.job && span.page !== undefined ? state.job.pages.find((entry) => entry.page === span.page) : null;
  if (page && span.bbox) {
    body.innerHTML = `<p>第 ${span.page} 页${span.ocr ? '（文字识别' + (span.confidence !== undefined ? `，置信度 ${Math.round(span.confidence * 100)}%` : '') + '）' : ''}</p><canvas class="crop"></canvas>`;
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
