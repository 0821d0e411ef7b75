module github.com/dossier/dossier

go 1.26.8
