// Package extract turns one raw document (an HTML page or a plain-text
// article) into a clean dossier.Article: title, byline, dates, site, URL,
// language and the main text as paragraphs and subheadings, without menus,
// share buttons, comment forms or other boilerplate.
package extract
