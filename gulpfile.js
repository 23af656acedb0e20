const path = require('path');
const { src, dest, parallel } = require('gulp');

// Icons are copied next to the compiled files. `encoding: false` keeps PNG bytes intact (gulp 5 reads
// text by default), and returning each stream makes gulp wait until every file is written.
function copyIcons(folder) {
	const task = () =>
		src(path.join(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.join('dist', folder)),
		);
	task.displayName = `copy ${folder} icons`;
	return task;
}

exports['build:icons'] = parallel(copyIcons('nodes'), copyIcons('credentials'));
