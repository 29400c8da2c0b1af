// The team project form's task split: without JavaScript the blank rows are enough; with it, more rows can be added.
(() => {
    const add = document.getElementById('task-add');
    const template = document.getElementById('task-row-template');
    if (!add || !template) return;
    add.hidden = false;
    add.addEventListener('click', () => {
        const i = document.querySelectorAll('fieldset [data-task-row]').length;
        add.insertAdjacentHTML('beforebegin', template.innerHTML.replaceAll('__i__', i).replaceAll('__n__', i + 1));
        document.getElementById(`Input_Tasks_${i}__Title`)?.focus();
    });
})();
