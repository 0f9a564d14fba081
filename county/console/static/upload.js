// Upload progress for the console's import form (/imports).
// Without this script the form posts as usual; with it, the file goes up through
// XMLHttpRequest so that a bar shows how much of a large file has been sent, then
// the browser opens the preview page (the server checks the file while it loads).
// Served by the county server itself (no CDN); no inline script (the CSP forbids it).
"use strict";
(function () {
  var form = document.querySelector("form[data-upload-progress]");
  var box = document.getElementById("upload-status");
  var bar = document.getElementById("upload-progress");
  var words = document.getElementById("upload-progress-text");
  if (!form || !box || !bar || !words || !window.XMLHttpRequest || !window.FormData) {
    return;
  }

  function show(percent, text) {
    bar.value = percent;
    bar.setAttribute("value", String(percent));  // also as an attribute: visible to tests
    bar.textContent = percent + "%";
    words.textContent = text;
  }

  function failed(text) {
    form.querySelector("button[type=submit]").disabled = false;
    box.classList.add("failed");
    words.textContent = text;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    box.hidden = false;
    box.classList.remove("failed");
    show(0, "正在上传… 0%");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action"));
    xhr.setRequestHeader("X-Upload-Progress", "1");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && e.total > 0) {
        var percent = Math.min(100, Math.floor(e.loaded * 100 / e.total));
        show(percent, "正在上传… " + percent + "%");
      }
    });
    xhr.upload.addEventListener("load", function () {
      show(100, "上传完成（100%），正在检查文件，请稍候…");
    });
    xhr.addEventListener("load", function () {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (xhr.status === 413) {
        failed("文件太大，无法上传（上限 20 MB）。请拆分后分批导入。");
        return;
      }
      if (xhr.status === 200 && type.indexOf("application/json") === 0) {
        var next = JSON.parse(xhr.responseText).next;
        if (typeof next === "string" && next.indexOf("/imports/") === 0) {
          window.location.assign(next);
          return;
        }
      }
      if (type.indexOf("text/html") === 0) {
        // The page the plain form would have shown (wrong file type, expired session…).
        document.open();
        document.write(xhr.responseText);
        document.close();
        return;
      }
      failed("上传失败（" + xhr.status + "），请重试。");
    });
    xhr.addEventListener("error", function () {
      failed("上传中断：网络连接失败，请重试。");
    });
    xhr.send(new FormData(form));
  });
}());
