// Progressive enhancement only: every step works without this file.
document.documentElement.classList.add('js');
