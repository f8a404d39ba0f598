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
  /** 只看有错误的项目: the project list and the tables show only projects with an error finding */
  onlyErrors: false,
  /** edits refused by the cell check, by cell key: kept on screen with their reason (across re-renders) until corrected or undone with Esc */
  refused: new Map(),
  /** what revision did to an accepted edit (a short form made canonical, 元 converted), by cell key, shown beside the cell until it is edited again */
  notes: new Map(),
};

const $ = (selector) => document.querySelector(selector);
const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
/** Errors first, then what a reviewer would ask, then hints. */
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
/** The source formats of the contract, as a clerk calls them. */
const FORMAT_NAMES = { text: '文本', docx: 'Word 文档', pdf: 'PDF', image: '图片', html: '网页', xlsx: 'Excel 表格' };

/**
 * What each error and rule code means, in Chinese (GET /api/messages, the server's one table): the
 * page says every message in these words and shows the code only as a small grey detail.
 */
let catalog = { errors: {}, rules: {} };
const catalogLoaded = fetch('/api/messages')
  .then((response) => (response.ok ? response.json() : null))
  .catch(() => null)
  .then((loaded) => {
    if (loaded) catalog = loaded;
  });

/** A code as a detail: small and grey, with what it stands for (and the server's own words) on hover. */
function codeHtml(code, detail = '') {
  const rule = catalog.rules[code];
  const title = [`代码 ${code}`, rule ? `规则：${rule.title}` : '', detail ? `原始信息：${detail}` : ''].filter(Boolean).join('\n');
  return ` <code class="code" title="${escapeHtml(title)}">${escapeHtml(code)}</code>`;
}

function setStatus(text, kind = '') {
  setStatusHtml(escapeHtml(text), kind);
}

/** The status line, from markup built here (every value in it escaped). */
function setStatusHtml(html, kind = '') {
  const status = $('#status');
  status.innerHTML = html;
  status.className = kind;
}

function setEditStatus(text, kind = '') {
  setEditStatusHtml(escapeHtml(text), kind);
}

function setEditStatusHtml(html, kind = '') {
  const status = $('#edit-status');
  status.innerHTML = html;
  status.className = kind;
}

async function postJson(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

const HAN = /[\u3400-\u9fff]/;

/**
 * An error the server answered, in Chinese: the catalog's sentence for its code (the server's own
 * message when that is Chinese and the catalog has none); the code, and the reader's own words
 * (`detail`, often English), only as a detail.
 */
function errorHtml(data, status) {
  const error = data && data.error;
  if (!error) return escapeHtml(`服务器没有给出说明（状态 ${status}）`);
  const said = catalog.errors[error.code] ?? (HAN.test(error.message ?? '') ? error.message : '操作失败');
  const detail = [error.detail, error.message].filter((text) => text && text !== said).join('\n');
  return `${escapeHtml(said)}${codeHtml(error.code, detail)}`;
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
    await catalogLoaded;
    setStatusHtml(`提取失败：${errorHtml(data, status)}`, 'error');
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
    await catalogLoaded;
    setStatusHtml(`无法读取 ${escapeHtml(file.name)}：${errorHtml(job, response.status)}${retry ? escapeHtml(`，请 ${retry} 秒后再试`) : ''}`, 'error');
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
  events.addEventListener('status', async (event) => {
    const current = JSON.parse(event.data);
    if (current.status === 'running' && stage.textContent === '排队中…') stage.textContent = '读取中…';
    if (current.status !== 'done' && current.status !== 'failed') return;
    events.close();
    progress.hidden = true;
    if (current.status === 'failed') {
      await catalogLoaded;
      setStatusHtml(`无法读取 ${escapeHtml(name)}：${errorHtml({ error: current.error }, 422)}`, 'error');
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
  if (page) return `第 ${page[1]} 页：${{ preprocess: '预处理', detect: '检测文字', 'ruling lines': '查找表格线', recognise: '识别文字' }[page[2]] ?? '读取中'}`;
  // A stage the page has no words for yet: said plainly, never in the reader's English.
  return HAN.test(stage) ? stage : '读取中';
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
  const objectives = (extraction.document.objectives || []).filter((objective) => objective.indicators.length > 0);
  const objectiveRows = objectives.reduce((n, objective) => n + objective.indicators.length, 0);
  const ofObjectives = `部门整体目标 ${objectives.length} 个、${objectiveRows} 条指标`;
  const counted =
    projects.length === 0 && objectives.length ? `没有读出项目绩效目标表；${ofObjectives}` : `共 ${projects.length} 个项目、${reading.rows - objectiveRows} 条指标${objectives.length ? `；${ofObjectives}` : ''}`;
  // Never a silent zero: nothing read, or a table left unread, is said in red; rows dropped in amber.
  if (reading.rows === 0) setStatus(drafted ? `${counted}：没有可导出的指标` : '未能读出绩效指标：没有读出任何指标行，详见下方说明', 'error');
  else if (reading.unreadTables.length > 0) setStatus(`${counted}；另有 ${reading.unreadTables.length} 处像指标表的内容未能读出，详见下方说明`, 'error');
  else if (reading.dropped.length > 0) setStatus(`${counted}；有 ${reading.dropped.length} 处内容未能读入，详见下方提示`, 'warning');
  else setStatus(counted, 'ok');
  setEditStatus('');
  state.refused.clear();
  state.notes.clear();
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
  return HAN.test(zh) ? zh : message;
}

/** A reading warning in Chinese: its Chinese half, else what its code means, never the reader's English alone. */
function warningText(warning) {
  const zh = chineseOf(warning.message);
  return HAN.test(zh) ? zh : (catalog.errors[warning.code] ?? '读取时有一处内容需要核对');
}

/** The source text a warning is about, escaped, in a box that scrolls when it is long. */
const sourceTextHtml = (text, kind) => (text ? `<pre class="source-text ${kind}" tabindex="0">${escapeHtml(text)}</pre>` : '');

/** The red box: the document (or a table of it) could not be read, with the text that was not. */
function unreadHtml(extraction, inBox) {
  const reading = readingOf(extraction);
  const nothing = reading.rows === 0 && !state.drafted;
  if (!nothing && reading.unreadTables.length === 0) return '';
  const items = inBox.map((w) => `<li>${escapeHtml(warningText(w))}${codeHtml(w.code)}${sourceTextHtml(w.text, 'unread-text')}</li>`);
  // A reader that does not yet say which text it could not read: nothing was read, so all of the pasted text was not.
  const whole = nothing && !inBox.some((w) => w.text) && state.text && state.text.trim() ? `<p>未读出的原文：</p>${sourceTextHtml(state.text, 'unread-text')}` : '';
  const heading = nothing ? '未能读出绩效目标表' : '有像指标表的内容未能读出';
  const why = nothing
    ? '没有读出任何绩效指标，导出已停用。请核对粘贴的内容是否完整（表头和每一行指标都要在内），或直接上传原文件（Word、Excel、PDF）。'
    : '下面这部分内容像指标表，但没有读出指标行，其中的指标不在结果中，也不会被导出。请核对原文，必要时补录。';
  return `<h2>${heading}</h2><p>${why}</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}${whole}`;
}

/** A warning as a note: what it says in Chinese, its code as a detail, and the source text it is about. */
const warningHtml = (w) => `<li class="warning">${escapeHtml(warningText(w))}${codeHtml(w.code, w.message)}${sourceTextHtml(w.text, 'warning-text')}</li>`;

/** A finding as a note: its severity and message, its rule's code as a detail. */
const findingHtml = (finding) => `<li class="${finding.severity}">${SEVERITY[finding.severity] ?? ''}：${escapeHtml(finding.message)}${codeHtml(finding.code)}</li>`;

/** Why the exports are off, or null when they are on: nothing read, no project, or an edit refused and not yet corrected. */
function exportBlock() {
  if (!state.extraction) return '还没有读出内容';
  const reading = readingOf(state.extraction);
  if (reading.rows === 0) return '没有读出任何项目或指标，无可导出的内容';
  if (state.extraction.document.projects.length === 0) return '导出的是项目绩效目标表，本文档没有读出项目；部门整体目标只在页面上显示';
  if (state.refused.size > 0) return `有 ${state.refused.size} 处修改未通过校验：请改正，或在单元格中按 Esc 恢复原值，再导出`;
  return null;
}

/** Exports stay off until something was read, and while an edit on screen is not the one that would be exported. */
function updateExportable() {
  const block = exportBlock();
  for (const button of document.querySelectorAll('[data-export], #copy-tsv')) {
    button.disabled = block !== null;
    button.title = block ?? '';
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
  const loose = warnings.filter((warning) => !inBox.includes(warning) && placeOfWarning(warning) === null);
  $('#summary').innerHTML =
    `<dl class="facts"><dt>单位</dt><dd>${escapeHtml(unit)}</dd><dt>年度</dt><dd>${escapeHtml(doc.year ?? '—')}</dd>` +
    `<dt>来源</dt><dd>${escapeHtml(source.filename ?? '粘贴文本')}（${escapeHtml(FORMAT_NAMES[source.format] ?? source.format)}${source.ocr ? '，文字识别' : ''}${source.pages ? `，${source.pages} 页` : ''}）</dd></dl>` +
    (loose.length ? `<ul class="notes">${loose.map(warningHtml).join('')}</ul>` : '');
  // A cell being typed in keeps its text and the caret through the re-render (an answer to an earlier edit may arrive meanwhile).
  const active = document.activeElement && document.activeElement.matches('#projects td[contenteditable]') ? document.activeElement : null;
  const typing = active ? { key: cellKey(active), text: cellText(active) !== active.dataset.before ? cellText(active) : null } : null;
  $('#projects').innerHTML =
    doc.projects.map((project, index) => projectHtml(project, index, findings)).join('') +
    (doc.objectives || []).map((objective, index) => (objective.indicators.length ? objectiveHtml(objective, index) : '')).join('');
  renderProjectList(doc.projects, findings);
  applyCellMarks();
  if (typing) {
    const cell = cellByKey(typing.key);
    if (cell) {
      cell.dataset.before = cellText(cell);
      if (typing.text !== null) cell.textContent = typing.text;
      restoringFocus = true;
      cell.focus({ preventScroll: true });
      restoringFocus = false;
      window.getSelection().selectAllChildren(cell);
      window.getSelection().collapseToEnd();
    }
  }
  updateExportable();
}

// ---------------------------------------------------------------- the project list

/** A project's findings by severity. */
function countsOf(findings, projectIndex) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) if (finding.loc.projectIndex === projectIndex && finding.severity in counts) counts[finding.severity]++;
  return counts;
}

/** Beside the tables: every project with its rows and findings by severity; a click jumps to its table. */
function renderProjectList(projects, findings) {
  const nav = $('#project-nav');
  // One project (a draft, a single form) needs no list.
  const listed = projects.length > 1;
  nav.hidden = !listed;
  $('#to-list').hidden = !listed;
  $('.result-body').classList.toggle('with-nav', listed);
  if (!listed) return;
  const totals = { error: 0, warning: 0, info: 0 };
  $('#project-list').innerHTML = projects
    .map((project, p) => {
      const counts = countsOf(findings, p);
      for (const severity of Object.keys(totals)) totals[severity] += counts[severity];
      const chips = Object.keys(counts)
        .map((severity) => `<span class="count ${severity}${counts[severity] ? '' : ' none'}" data-severity="${severity}">${SEVERITY[severity]} ${counts[severity]}</span>`)
        .join('');
      const name = project.name ?? project.title ?? `项目 ${p + 1}`;
      return (
        `<li data-project="${p}" data-errors="${counts.error}"${counts.error ? ' class="has-error"' : ''}>` +
        `<a href="#project-${p}" data-jump="${p}"><span class="nav-name"><span class="nav-index">${p + 1}</span>${escapeHtml(name)}</span>` +
        `<span class="nav-counts"><span class="rows">${project.indicators.length} 条指标</span>${chips}</span></a></li>`
      );
    })
    .join('');
  $('#nav-totals').innerHTML = `审核意见：${Object.keys(totals)
    .map((severity) => `<span class="count ${severity}${totals[severity] ? '' : ' none'}">${SEVERITY[severity]} ${totals[severity]}</span>`)
    .join('')}`;
  applyFilter();
}

/** 只看有错误的项目: list entries and tables of projects without an error are hidden. */
function applyFilter() {
  const findings = (state.extraction && state.extraction.findings) || [];
  const projects = state.extraction ? state.extraction.document.projects : [];
  const withErrors = new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.loc.projectIndex));
  const only = state.onlyErrors && projects.length > 1;
  for (const entry of document.querySelectorAll('#project-list li')) entry.hidden = only && !withErrors.has(Number(entry.dataset.project));
  for (const section of document.querySelectorAll('#projects section.project')) section.hidden = only && !withErrors.has(Number(section.dataset.project));
  // Objectives carry no findings: the filter to errors leaves them out.
  for (const section of document.querySelectorAll('#projects section.objective')) section.hidden = only;
  const shown = only ? projects.filter((_, p) => withErrors.has(p)).length : projects.length;
  $('#nav-count').textContent = only ? `（${shown} / ${projects.length} 个）` : `（${projects.length} 个）`;
  const empty = $('#project-list .empty');
  if (empty) empty.remove();
  if (only && shown === 0) $('#project-list').insertAdjacentHTML('beforeend', '<li class="empty">没有审核出错误的项目</li>');
}

/** Scrolls a project's table to the top of the window, below the sticky toolbar, and marks its list entry. */
function jumpTo(projectIndex) {
  const section = document.getElementById(`project-${projectIndex}`);
  if (!section) return;
  const toolbar = $('#result .toolbar');
  window.scrollTo({ top: section.getBoundingClientRect().top + window.scrollY - toolbar.offsetHeight - 8, behavior: 'instant' });
  section.querySelector('h2').focus({ preventScroll: true });
  markCurrent(projectIndex);
}

function markCurrent(projectIndex) {
  for (const entry of document.querySelectorAll('#project-list li')) {
    if (Number(entry.dataset.project) === projectIndex) entry.setAttribute('aria-current', 'true');
    else entry.removeAttribute('aria-current');
  }
}

/** While scrolling, the list marks the project whose table is at the top of the window. */
function markCurrentOnScroll() {
  const toolbar = $('#result .toolbar');
  const line = toolbar.getBoundingClientRect().bottom + 16;
  let current = null;
  for (const section of document.querySelectorAll('#projects section.project:not([hidden])')) {
    if (section.getBoundingClientRect().top <= line) current = Number(section.dataset.project);
    else break;
  }
  if (current !== null) markCurrent(current);
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
  // Errors first, then reading warnings and a reviewer's questions, then hints.
  const ranked = findings
    .filter((finding) => finding.loc.projectIndex === projectIndex && (finding.loc.indicatorIndex ?? null) === rowIndex)
    .map((finding) => ({
      rank: SEVERITY_RANK[finding.severity] ?? 2,
      // A value the draft left for the user to fill in is 待填, not an error: its check says what to write.
      html: pending && finding.code === 'VALUE_MISSING' ? `<li class="pending">待填：${escapeHtml(finding.message)}${codeHtml(finding.code)}</li>` : findingHtml(finding),
    }));
  for (const warning of state.extraction.warnings) {
    const place = placeOfWarning(warning);
    if (place && place.project === projectIndex && place.row === rowIndex) ranked.push({ rank: SEVERITY_RANK.warning, html: warningHtml(warning) });
  }
  notes.push(...ranked.sort((a, b) => a.rank - b.rank).map((note) => note.html));
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
  return `<section class="project" id="project-${p}" data-project="${p}"><h2 tabindex="-1">${escapeHtml(project.title ?? project.name ?? `项目 ${p + 1}`)}</h2>${top}<div class="table-wrap">${head}</div><div class="table-wrap">${gridHtml(project, p, findings)}</div></section>`;
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

/**
 * A department-level objective (部门整体目标, 分项绩效目标) with indicator rows: shown as read, not
 * editable (edits and exports are the projects'), so a document of objectives alone is not blank.
 */
function objectiveHtml(objective, o) {
  const rows = objective.indicators;
  const level1Runs = new Map(runsOf(rows.map((row) => row.level1)));
  const level2Runs = new Map(runsOf(rows.map((row) => `${row.level1}\u0000${row.level2}`)));
  const cell = (value) => `<td>${escapeHtml(value ?? '')}</td>`;
  const spanned = (runs, i, value) => (runs.has(i) ? `<td rowspan="${runs.get(i)}">${escapeHtml(value ?? '')}</td>` : '');
  const body = rows
    .map((row, i) => `<tr>${spanned(level1Runs, i, row.level1)}${spanned(level2Runs, i, row.level2)}${cell(row.name)}${cell(row.description)}${cell(row.value.raw)}${cell(row.basis)}</tr>`)
    .join('');
  const goal = objective.goal ? `<div class="table-wrap"><table class="form head"><tbody><tr><th>绩效目标</th><td class="multiline">${escapeHtml(objective.goal)}</td></tr></tbody></table></div>` : '';
  return (
    `<section class="objective" data-objective="${o}"><h2>${escapeHtml(objective.title ?? `部门整体目标 ${o + 1}`)}</h2>` +
    `<p class="hint">部门整体目标：按读出的内容显示，不能在此修改，也不在导出范围内。</p>${goal}` +
    `<div class="table-wrap"><table class="form grid"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th></tr></thead><tbody>${body}</tbody></table></div></section>`
  );
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
    const budgetRefused = data && data.error && data.error.code === 'BAD_REQUEST' && /\bbudget\b/.test(`${data.error.message} ${data.error.detail ?? ''}`);
    await catalogLoaded;
    status.innerHTML = budgetRefused ? escapeHtml('起草失败：预算须为大于 0 的金额（万元），如 50；尚未确定可留空') : `起草失败：${errorHtml(data, code)}`;
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

/** Set while render() gives focus back to the cell being typed in: that focus is no new edit. */
let restoringFocus = false;

/** A cell's place, as the edit marks are kept by: project, row (empty for the project's own fields), field. */
const cellKey = (cell) => `${cell.dataset.project}:${cell.dataset.row ?? ''}:${cell.dataset.field}`;

function cellByKey(key) {
  const [project, row, field] = key.split(':');
  const rowPart = row === '' ? ':not([data-row])' : `[data-row="${row}"]`;
  return document.querySelector(`#projects td[contenteditable][data-project="${project}"]${rowPart}[data-field="${CSS.escape(field)}"]`);
}

/** What a person typed into a cell, as the browser lays it out (line breaks kept), without no-break spaces. */
const cellText = (cell) => cell.innerText.replace(/\u00a0/g, ' ');

/**
 * Shows beside a cell (under its text, by CSS from data-note) why its edit was refused (red, and
 * aria-invalid) or what revision made of it (a note); nothing when `text` is empty.
 */
function markCell(cell, text, kind) {
  if (!text) {
    delete cell.dataset.note;
    delete cell.dataset.noteKind;
    cell.removeAttribute('aria-invalid');
    return;
  }
  cell.dataset.note = text;
  cell.dataset.noteKind = kind;
  if (kind === 'refused') cell.setAttribute('aria-invalid', 'true');
  else cell.removeAttribute('aria-invalid');
}

/** After a render: refused edits back on screen as typed, with their reasons; notes beside the cells they are about. */
function applyCellMarks() {
  for (const [key, note] of state.notes) {
    const cell = cellByKey(key);
    if (cell) markCell(cell, note, 'note');
  }
  for (const [key, refused] of state.refused) {
    const cell = cellByKey(key);
    // The cell is gone (another edit merged or split the level cells): the refused text has no place to stand, and would only hold the exports.
    if (!cell) {
      state.refused.delete(key);
      continue;
    }
    // Another edit made what was refused come true (a 二级指标 that brought this 一级指标): nothing is left to refuse.
    if (cellText(cell).trim() === refused.text.trim()) {
      state.refused.delete(key);
      continue;
    }
    cell.textContent = refused.text;
    markCell(cell, refused.reason, 'refused');
  }
}

/** The check request of a cell: its field and text, and for a row's cell the levels of the rows it stands for. */
function cellRequest(cell, text) {
  const request = { field: cell.dataset.field, text };
  if (cell.dataset.row !== undefined) {
    const project = state.extraction.document.projects[Number(cell.dataset.project)];
    const row = Number(cell.dataset.row);
    request.rows = project.indicators.slice(row, row + Number(cell.dataset.span || 1)).map(({ level1, level2 }) => ({ level1, level2 }));
  }
  return request;
}

/** The server's check of what was typed (POST /api/revise/cell); a check that cannot be made refuses, never lets an edit through unchecked. */
async function checkCell(cell, text) {
  const { ok, data } = await postJson('/api/revise/cell', cellRequest(cell, text)).catch(() => ({ ok: false, data: null }));
  return ok && data ? data : { ok: false, reason: '暂时无法校验这处修改（与服务器的连接中断），请稍后再试' };
}

/** Checks as the person types, a moment after the last key: the reason (or note) appears beside the cell at once. */
const typingTimers = new Map();
const typedChecks = new WeakMap();
function checkWhileTyping(cell) {
  clearTimeout(typingTimers.get(cell));
  typingTimers.set(
    cell,
    setTimeout(async () => {
      typingTimers.delete(cell);
      const text = cellText(cell);
      const asked = {};
      typedChecks.set(cell, asked);
      const check = text === cell.dataset.before ? { ok: true } : await checkCell(cell, text);
      // Only the newest answer counts, and only while the cell still holds what was checked.
      if (typedChecks.get(cell) !== asked || cellText(cell) !== text) return;
      if (!check.ok) markCell(cell, check.reason, 'refused');
      else markCell(cell, check.note ?? state.notes.get(cellKey(cell)) ?? '', 'note');
    }, 250),
  );
}

/** Writes a checked cell into a copy of the extraction: `value` as the check will store it (an amount in 万元), `text` as typed. */
function edited(cell, text, value) {
  const extraction = structuredClone(state.extraction);
  const project = extraction.document.projects[Number(cell.dataset.project)];
  const field = cell.dataset.field;
  if (cell.dataset.row === undefined) {
    if (field === 'goals') project.goals = text.split('\n').map((goal) => goal.trim()).filter(Boolean);
    else if (field.startsWith('budget.')) {
      project.budget[field.slice(7)] = value;
      // Typed by a person: no longer OCR's reading, so no longer in doubt.
      if (project.ocrConfidence) {
        delete project.ocrConfidence[field];
        if (Object.keys(project.ocrConfidence).length === 0) delete project.ocrConfidence;
      }
    } else project[field] = value;
    return extraction;
  }
  const row = Number(cell.dataset.row);
  const span = Number(cell.dataset.span || 1);
  for (let i = row; i < row + span; i++) {
    const indicator = project.indicators[i];
    // Parsed fields are derived again by the server from what was typed.
    if (field === 'value') indicator.value = { raw: text.trim() };
    else indicator[field] = value;
    // Typed by a person: the place it came from stays, OCR's doubt goes.
    if (indicator.provenance && indicator.provenance[field]) delete indicator.provenance[field].confidence;
  }
  return extraction;
}

/** What revision stored in a cell's field, as the cell shows it (for saying when it differs from what was typed). */
function storedText(extraction, cell) {
  const project = extraction.document.projects[Number(cell.dataset.project)];
  const field = cell.dataset.field;
  if (cell.dataset.row === undefined) return field.startsWith('budget.') ? project.budget[field.slice(7)] : project[field];
  const indicator = project.indicators[Number(cell.dataset.row)];
  return field === 'value' ? indicator.value.raw : indicator[field];
}

/** Refuses an edit: it stays on screen as typed, in red with its reason, and the exports wait until it is corrected or undone. */
function refuse(cell, key, text, reasonHtml, reason) {
  const earlier = state.refused.get(key);
  state.refused.set(key, { text, reason, original: earlier ? earlier.original : cell.dataset.before });
  markCell(cell, reason, 'refused');
  setEditStatusHtml(`修改未保存：${reasonHtml}。请改正，或在单元格中按 Esc 恢复原值。`, 'error');
  updateExportable();
}

async function commitEdit(cell) {
  clearTimeout(typingTimers.get(cell));
  typedChecks.delete(cell);
  const key = cellKey(cell);
  const text = cellText(cell);
  if (text === cell.dataset.before) {
    // Typed and typed back: whatever the check said while typing no longer holds.
    if (!state.refused.has(key)) markCell(cell, state.notes.get(key) ?? '', 'note');
    return;
  }
  const check = await checkCell(cell, text);
  if (!check.ok) {
    refuse(cell, key, text, escapeHtml(check.reason), check.reason);
    return;
  }
  setEditStatus('正在重新解析…');
  const { ok, data } = await postJson('/api/revise', edited(cell, text, check.value ?? null));
  if (!ok) {
    await catalogLoaded;
    const issues = (data && data.error && data.error.issues) || [];
    const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
    const reason = catalog.errors[data && data.error ? data.error.code : ''] ?? '修改未通过校验';
    refuse(cell, key, text, `${escapeHtml(reason)}${data && data.error ? codeHtml(data.error.code, detail || data.error.message) : ''}`, reason);
    return;
  }
  state.refused.delete(key);
  state.notes.delete(key);
  // Never silently: what revision made of the edit is said beside the cell (the check's note, or the stored text when it differs from what was typed).
  const stored = storedText(data, cell);
  const note = check.note ?? (cell.dataset.field !== 'goals' && stored !== (check.value ?? null) ? `已按规则记为“${stored ?? '（空）'}”` : null);
  if (note) state.notes.set(key, note);
  state.extraction = data;
  render();
  setEditStatus(note ? `已更新：${note}` : '已更新：指标值已按规则重新解析并校验', 'ok');
}

/** Esc in a cell: back to the value before the edit (or before a refused edit), marks gone. */
function undoEdit(cell) {
  clearTimeout(typingTimers.get(cell));
  typedChecks.delete(cell);
  const key = cellKey(cell);
  const refused = state.refused.get(key);
  const original = refused ? refused.original : cell.dataset.before;
  state.refused.delete(key);
  cell.textContent = original ?? '';
  cell.dataset.before = cellText(cell);
  markCell(cell, state.notes.get(key) ?? '', 'note');
  updateExportable();
  setEditStatus(refused ? '已恢复原值' : '');
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
  if (exportBlock() !== null) return;
  const response = await fetch(`/api/export/${format}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state.extraction) });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    await catalogLoaded;
    setEditStatusHtml(`导出失败：${errorHtml(data, response.status)}`, 'error');
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
  if (exportBlock() !== null) return;
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
  // Focus given back after a re-render keeps the value the cell had before the edit (render() set it).
  if (!restoringFocus) cell.dataset.before = cellText(cell);
  showSource(cell);
});
$('#projects').addEventListener('focusout', (event) => {
  const cell = event.target.closest('td[contenteditable]');
  if (cell && !restoringFocus) commitEdit(cell);
});
$('#projects').addEventListener('input', (event) => {
  const cell = event.target.closest('td[contenteditable]');
  if (cell) checkWhileTyping(cell);
});
$('#projects').addEventListener('keydown', (event) => {
  if (!event.target.matches('td[contenteditable]')) return;
  // Enter ends the edit (Shift+Enter for a new line in multi-line cells); Esc undoes it.
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    event.target.blur();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    undoEdit(event.target);
  }
});
$('#project-list').addEventListener('click', (event) => {
  const link = event.target.closest('a[data-jump]');
  if (!link) return;
  event.preventDefault();
  jumpTo(Number(link.dataset.jump));
});
$('#to-list').addEventListener('click', (event) => {
  event.preventDefault();
  $('#project-nav').scrollIntoView({ block: 'start' });
  const current = $('#project-list li[aria-current] a') || $('#project-list li:not([hidden]) a');
  if (current) current.focus();
});
$('#only-errors').addEventListener('change', (event) => {
  state.onlyErrors = event.target.checked;
  applyFilter();
});
// The sticky project list sits under the sticky toolbar, whose height changes with the edit status's length.
new ResizeObserver(([entry]) => document.documentElement.style.setProperty('--toolbar-height', `${entry.target.offsetHeight}px`)).observe($('#result .toolbar'));
let scrollFrame = 0;
window.addEventListener(
  'scroll',
  () => {
    if (scrollFrame || $('#project-nav').hidden) return;
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      markCurrentOnScroll();
    });
  },
  { passive: true },
);
document.querySelectorAll('[data-export]').forEach((button) => button.addEventListener('click', () => exportAs(button.dataset.export)));
$('#copy-tsv').addEventListener('click', copyTsv);
$('#source-panel .close').addEventListener('click', () => {
  $('#source-panel').hidden = true;
});
