import { render } from 'preact';
import '../../components/theme.css';
import { localizePage } from '../../components/i18n';
import { App } from './App';

localizePage('extName');
render(<App />, document.getElementById('app')!);
