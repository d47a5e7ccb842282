// Copies what tsc does not emit into dist/: node and credential icons (light and dark SVG/PNG), the
// nodes' codex files (<Node>.node.json: categories and docs links, as n8n's own nodes have them)
// and the workflow templates with any other template assets.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons() {
	const nodeIcons = src('nodes/**/*.{png,svg,node.json}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	const credIcons = src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
	return Promise.all([streamDone(nodeIcons), streamDone(credIcons)]);
}

function copyTemplates() {
	// The shipped files only: their sources (workflows-templates/src) are not part of the package.
	return src('workflows-templates/*.*', { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'workflows-templates')),
	);
}

function streamDone(stream) {
	return new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
}

task('build:icons', copyIcons);
task('build:templates', copyTemplates);
task('build', parallel('build:icons', 'build:templates'));
