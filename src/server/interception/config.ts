import Joi from 'joi';
import { INTERCEPTABLE_ACTIONS, InterceptableAction } from '../../common/constants';

export interface RequestInterceptionConfig {
  /** `posts` for the main data source, `<dataSourceKey>:<collection>` for another one. */
  collection: string;
  /** Global mode: runs on every matching request, with or without `triggerWorkflows`. */
  global?: boolean;
  /** Actions to run before; required in global mode, a further restriction in local mode. */
  actions?: InterceptableAction[];
}

export const requestInterceptionConfigSchema = Joi.object<RequestInterceptionConfig>({
  collection: Joi.string().trim().min(1).required().messages({
    'any.required': 'Choose the collection whose requests this workflow checks.',
    'string.empty': 'Choose the collection whose requests this workflow checks.',
    'string.base': 'Choose the collection whose requests this workflow checks.',
  }),
  global: Joi.boolean().messages({ 'boolean.base': 'The mode must be global (true) or local (false).' }),
  actions: Joi.array()
    .items(
      Joi.string()
        .valid(...INTERCEPTABLE_ACTIONS)
        .messages({ 'any.only': 'Actions can only be create, update, updateOrCreate and destroy.' }),
    )
    .unique()
    .when('global', {
      is: true,
      then: Joi.array().min(1).required(),
    })
    .messages({
      'any.required': 'Choose at least one action in global mode.',
      'array.min': 'Choose at least one action in global mode.',
      'array.base': 'Actions must be a list.',
      'array.unique': 'Each action can be listed once.',
    }),
}).unknown(true);
