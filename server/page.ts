// A minimal page: paste a document, see the extraction JSON. No network resources.
export const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao 绩效目标表提取</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}textarea{width:100%;height:16rem}pre{background:#f4f4f4;padding:1rem;overflow:auto;max-height:40rem}</style>
</head><body>
<h1>绩效目标表提取</h1>
<p>粘贴绩效目标表文本（Word、Excel、PDF 复制均可），点击“提取”。</p>
<textarea id="text" placeholder="在此粘贴…"></textarea>
<p><button id="go">提取</button> <span id="status"></span></p>
<pre id="out"></pre>
<script>
document.getElementById('go').onclick = async () => {
  const status = document.getElementById('status');
  status.textContent = '提取中…';
  const res = await fetch('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: document.getElementById('text').value }) });
  const body = await res.json();
  status.textContent = res.ok ? '共 ' + body.document.projects.length + ' 个项目' : '错误：' + body.error.message;
  document.getElementById('out').textContent = JSON.stringify(body, null, 2);
};
</script>
</body></html>`;
