import { createHash } from 'node:crypto';
import { h } from '../report/html.js';

const CSS = `
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;color:#1c2833;margin:0;background:#f4f6f7}
.top{background:#fff;border-bottom:1px solid #d5d8dc;padding:12px 24px;display:flex;flex-wrap:wrap;gap:16px;align-items:center}
.top h1{font-size:20px;margin:0 16px 0 0}.top label{white-space:nowrap}
.cols{display:grid;grid-template-columns:minmax(320px,1fr) minmax(420px,1.3fr);gap:16px;padding:16px 24px}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.panel{background:#fff;border:1px solid #d5d8dc;padding:12px 14px;min-width:0}
textarea{width:100%;min-height:220px;font:13px/1.4 ui-monospace,monospace}
#drop{border:2px dashed #aab7b8;padding:18px;text-align:center;margin:10px 0;color:#5d6d7e}#drop.over{border-color:#2471a3;background:#eaf2f8}
#files{margin:4px 0;padding-left:18px}button{font:inherit;padding:4px 12px;cursor:pointer}
#status{margin:8px 0;color:#5d6d7e}#status.bad{color:#c0392b}
#source{font:12px/1.45 ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;max-height:60vh;overflow:auto;border:1px solid #eaeded;padding:6px;margin-top:10px}
#source .ln{color:#aab7b8;user-select:none;display:inline-block;width:3.5em;text-align:right;margin-right:8px}
#source mark{background:#f9e79f;outline:1px solid #b9770e}#source mark.error{background:#f5b7b1;outline-color:#c0392b}
.bar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:8px}
`;

// Builds nothing from scanned text with innerHTML: the findings come as the HTML report's own
// (escaped) markup, parsed inertly and adopted; the source pane is made of text nodes.
const SCRIPT = `(function(){
var $=function(id){return document.getElementById(id)};var files=[];var last=null;
function status(t,bad){var s=$('status');s.textContent=t;s.className=bad?'bad':''}
function listFiles(){var ul=$('files');ul.textContent='';files.forEach(function(f){var li=document.createElement('li');li.textContent=f.name+' ('+f.size+' bytes)';ul.appendChild(li)})}
function addFiles(list){for(var i=0;i<list.length;i++)files.push(list[i]);listFiles()}
var drop=$('drop');
drop.addEventListener('dragover',function(e){e.preventDefault();drop.className='over'});
drop.addEventListener('dragleave',function(){drop.className=''});
drop.addEventListener('drop',function(e){e.preventDefault();drop.className='';addFiles(e.dataTransfer.files)});
$('pick').addEventListener('change',function(e){addFiles(e.target.files);e.target.value=''});
$('clear').addEventListener('click',function(){files=[];listFiles()});
function headers(){var t=$('token')?$('token').value.trim():'';return t?{Authorization:'Bearer '+t}:{}}
function loadSpecs(){fetch('/v1/specs',{headers:headers()}).then(function(r){return r.ok?r.json():null}).then(function(j){if(!j)return;var sel=$('product');
while(sel.options.length>1)sel.remove(1);j.specs.forEach(function(s){var o=document.createElement('option');o.value=s.product;o.textContent=s.product+' (revision '+s.revision+')';sel.appendChild(o)})}).catch(function(){})}
loadSpecs();if($('token'))$('token').addEventListener('change',loadSpecs);
function sourcePane(text,name,report){var pane=$('source');pane.textContent='';if(!text){pane.hidden=true;return}pane.hidden=false;
var lines=text.split('\\n');var marks={};report.findings.forEach(function(f){if(f.uri!==name||!f.location||!f.location.line||!f.evidence)return;
var hit=f.evidence.text.slice(f.evidence.span[0],f.evidence.span[1]);var line=lines[f.location.line-1];if(line===undefined||!hit)return;
var at=line.indexOf(hit,Math.max(0,(f.location.column||1)-1));if(at<0)at=line.indexOf(hit);if(at<0)return;
(marks[f.location.line]=marks[f.location.line]||[]).push({from:at,to:at+hit.length,f:f})});
lines.forEach(function(line,i){var row=document.createElement('div');var ln=document.createElement('span');ln.className='ln';ln.textContent=String(i+1);row.appendChild(ln);
var ms=(marks[i+1]||[]).sort(function(a,b){return a.from-b.from});var pos=0;ms.forEach(function(m){if(m.from<pos)return;row.appendChild(document.createTextNode(line.slice(pos,m.from)));
var mk=document.createElement('mark');mk.className=m.f.severity;mk.setAttribute('data-rule',m.f.ruleId);mk.setAttribute('data-feature',m.f.feature||'');mk.title=m.f.ruleId+': '+m.f.message;mk.textContent=line.slice(m.from,m.to);row.appendChild(mk);pos=m.to});
row.appendChild(document.createTextNode(line.slice(pos)));pane.appendChild(row)})}
function filter(){var on={};document.querySelectorAll('input[name=severity]').forEach(function(b){on[b.value]=b.checked});var n=0;
document.querySelectorAll('#findings article.finding').forEach(function(a){a.hidden=!on[a.getAttribute('data-severity')];if(!a.hidden)n++});$('shown').textContent=String(n)}
document.querySelectorAll('input[name=severity]').forEach(function(b){b.addEventListener('change',filter)});
function show(result,text,name){last=result;var doc=new DOMParser().parseFromString(result.html,'text/html');
var style=$('report-style');style.textContent=doc.querySelector('style')?doc.querySelector('style').textContent:'';
var target=$('findings');target.textContent='';var section=doc.getElementById('findings');if(section)Array.prototype.slice.call(section.children).forEach(function(c){target.appendChild(document.adoptNode(c))});
var s=result.report.summary;$('summary').textContent=s.error+' errors, '+s.warning+' warnings, '+s.info+' info in '+s.documents+' documents (spec '+result.report.spec.product+' revision '+result.report.spec.revision+')';
$('downloads').hidden=false;sourcePane(text,name,result.report);filter()}
function download(data,type,name){var a=document.createElement('a');a.href=URL.createObjectURL(new Blob([data],{type:type}));a.download=name;document.body.appendChild(a);a.click();setTimeout(function(){URL.revokeObjectURL(a.href);a.remove()},1000)}
$('dl-json').addEventListener('click',function(){if(last)download(JSON.stringify(last.report,null,2)+'\\n','application/json','claimlint-report.json')});
$('dl-html').addEventListener('click',function(){if(last)download(last.html,'text/html','claimlint-report.html')});
$('scan').addEventListener('click',function(){var text=$('text').value;var name=$('name').value.trim()||'draft.html';var form=new FormData();
if(text.trim())form.append('file',new File([text],name,{type:'text/plain'}));files.forEach(function(f){form.append('file',f,f.name)});
if(!text.trim()&&!files.length){status('Paste a draft or drop a file first.',true);return}
if($('asof').value)form.append('asOf',$('asof').value);if($('product').value)form.append('product',$('product').value);
status('Scanning…');$('scan').disabled=true;
fetch('/v1/review',{method:'POST',body:form,headers:headers()}).then(function(r){return r.json().then(function(j){return{ok:r.ok,j:j}})}).then(function(x){
if(!x.ok){status(x.j.message||'The scan failed.',true);return}status('Done.');show(x.j,text.trim()?text:'',name)}).catch(function(e){status('The scan failed: '+e,true)}).finally(function(){$('scan').disabled=false})});
})();`;

const sha = (s: string) => createHash('sha256').update(s).digest('base64');

/** The reviewer page: paste or drop, scan, see the findings in place. One file, no external requests. */
export function reviewerPage(options: { tokenRequired: boolean; toolVersion: string }): {
  html: string;
  csp: string;
} {
  const csp = `default-src 'none'; script-src 'sha256-${sha(SCRIPT)}'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimlint reviewer</title><style>${CSS}</style><style id="report-style"></style></head>
<body>
<div class="top"><h1>claimlint reviewer</h1>
<label>product <select id="product"><option value="">every loaded spec</option></select></label>
<label>as of <input type="date" id="asof"></label>
${options.tokenRequired ? '<label>token <input type="password" id="token" autocomplete="off" size="24"></label>' : ''}
</div>
<div class="cols">
<section class="panel"><h2>Draft</h2>
<label>name <input id="name" value="draft.html" size="24"></label>
<textarea id="text" placeholder="Paste the page (HTML, Markdown or text) here"></textarea>
<div id="drop">Drop pages, banners, PDFs or Word drafts here, or <input type="file" id="pick" multiple></div>
<ul id="files"></ul>
<div class="bar"><button id="scan" type="button">Scan</button><button id="clear" type="button">Clear files</button></div>
<div id="status" role="status"></div>
<div id="source" hidden></div>
</section>
<section class="panel"><h2>Findings (<span id="shown">0</span> shown)</h2>
<p id="summary"></p>
<div class="bar"><fieldset><legend>severity</legend>
<label><input type="checkbox" name="severity" value="error" checked> error</label>
<label><input type="checkbox" name="severity" value="warning" checked> warning</label>
<label><input type="checkbox" name="severity" value="info" checked> info</label></fieldset>
<span id="downloads" hidden><button id="dl-json" type="button">Download JSON</button> <button id="dl-html" type="button">Download HTML</button></span></div>
<section id="findings"></section>
</section>
</div>
<footer style="padding:8px 24px;color:#5d6d7e">claimlint ${h(options.toolVersion)}: this page makes no request outside this server.</footer>
<script>${SCRIPT}</script>
</body></html>
`;
  return { html, csp };
}
