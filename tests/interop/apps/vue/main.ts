// A Vue 3 portal using the tags: v-model on fields, properties with .prop, events with @.
import { createApp } from 'vue';
import 'egov-elements';
import App from './App.vue';

createApp(App).mount('#app');
